import { appCredentialsRepository } from '../people';
import { tokenRevocationsRepository, type TokenRevocationsRepository } from '../token-revocations';
import { openTestStore, type TestStore } from './test-store';

/** The authoritative denylist on PostgreSQL (DATABASE_URL) or PGlite. */
let t: TestStore;
let repository: TokenRevocationsRepository;
const NOW = new Date('2025-03-03T02:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 86_400_000;

beforeAll(async () => {
  t = await openTestStore(NOW);
  repository = tokenRevocationsRepository(t.store.pool);
});
afterAll(() => t.drop());

const revocation = (jti: string, unit: string, reason = 'leaked') => ({
  jti, unit, revokedAt: NOW, expiresAt: later(30 * DAY), revokedBy: unit, reason,
});

it('revokes a jti for its unit only; revoking again keeps the first record', async () => {
  const mark = await repository.changeMark();
  expect(await repository.revokeToken(revocation('j1', '440106'))).toEqual(revocation('j1', '440106'));
  expect(await repository.revokeToken({ ...revocation('j1', '440106'), reason: 'again' })).toEqual(revocation('j1', '440106'));
  expect(await repository.changeMark()).not.toBe(mark);
  expect(await repository.isRevoked({ jti: 'j1', unit: '440106', issuedAt: later(-DAY) }, NOW)).toBe(true);
  expect(await repository.isRevoked({ jti: 'j1', unit: '440104', issuedAt: later(-DAY) }, NOW)).toBe(false);
  expect(await repository.isRevoked({ jti: 'j2', unit: '440106', issuedAt: later(-DAY) }, NOW)).toBe(false);
});

it('a unit cut-off revokes tokens issued at or before it, and only moves forward', async () => {
  const cutoff = { unit: 'GZGAJ', revokedBefore: NOW, revokedAt: NOW, revokedBy: '440100', reason: 'lost' };
  expect(await repository.revokeUnitTokens(cutoff)).toEqual(cutoff);
  expect(await repository.isRevoked({ jti: 'x', unit: 'GZGAJ', issuedAt: NOW }, NOW)).toBe(true);
  expect(await repository.isRevoked({ jti: 'x', unit: 'GZGAJ', issuedAt: later(1_000) }, NOW)).toBe(false);
  const earlier = { ...cutoff, revokedBefore: later(-DAY), reason: 'older' };
  expect(await repository.revokeUnitTokens(earlier)).toEqual(cutoff);
});

it('a revoked app has every token it was issued revoked; its unit\'s other tokens stay good', async () => {
  const apps = appCredentialsRepository(t.store.pool);
  const app = (clientId: string) => ({
    clientId, unit: '440106', name: clientId, scope: ['GZJY-XS-001'], purpose: '学位管理', secretHash: 'sha256$x', createdBy: 'test', createdAt: later(-50 * DAY),
  });
  await apps.register(app('app_live'));
  await apps.register(app('app_gone'));
  await apps.register(app('app_long_gone'));
  const mark = await repository.changeMark();
  expect(await apps.revoke('app_gone', '440106', 'admin', NOW)).toBe(true);
  expect(await apps.revoke('app_long_gone', '440106', 'admin', later(-31 * DAY))).toBe(true);
  expect(await repository.changeMark()).not.toBe(mark);
  const of = (client: string | undefined, issuedAt = later(DAY)) => ({ jti: 'app-jti', unit: '440106', issuedAt, ...(client ? { client } : {}) });
  expect(await repository.isRevoked(of('app_gone'), NOW)).toBe(true);
  expect(await repository.isRevoked(of('app_live'), NOW)).toBe(false);
  expect(await repository.isRevoked(of(undefined), NOW)).toBe(false);
  // A revocation older than the longest TTL has no token left to refuse, so the hot state need not hold it.
  expect((await repository.inForce(NOW)).clients).toEqual([{ clientId: 'app_gone', revokedAt: NOW }]);
});

it('lists what is in force for the rebuild, and prunes expired jti rows', async () => {
  await repository.revokeToken({ ...revocation('old', '440106'), revokedAt: later(-40 * DAY), expiresAt: later(-10 * DAY) });
  const inForce = await repository.inForce(NOW);
  expect(inForce.tokens.map((r) => r.jti).sort()).toEqual(['j1']);
  expect(inForce.cutoffs.map((c) => c.unit)).toEqual(['GZGAJ']);
  expect(await repository.isRevoked({ jti: 'old', unit: '440106', issuedAt: later(-40 * DAY) }, NOW)).toBe(false);
  expect(await repository.prune(NOW)).toBe(1);
  expect(await repository.prune(NOW)).toBe(0);
});
