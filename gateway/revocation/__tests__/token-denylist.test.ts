import { SettableClock } from '../../../platform/clock';
import {
  createMemoryHotState, DENYLIST_READY_KEY, HotStateUnavailable, revokedClientKey, revokedTokenKey, unitCutoffKey, type HotState,
} from '../../../platform/hot-state';
import { RefusedRequest } from '../../../platform/http-graphql';
import { createLogger } from '../../../platform/logger';
import { TokenRejected, type TokenClaims } from '../../../platform/tokens';
import type { ClientRevocation, TokenIdentity, TokenRevocation, TokenRevocationsRepository, UnitTokenCutoff } from '../../../store';
import { createTokenDenylist, type TokenDenylist } from '../token-denylist';
import { refuseRevoked } from '../token-denylist-check';

/**
 * The denylist's decisions with both stores faked: a memory hot state that can
 * be switched off (as Redis going down) and a store that can fail (as
 * PostgreSQL going down). Counting store calls shows which one answered.
 */
const NOW = new Date('2026-12-01T00:00:00Z');
const clock = new SettableClock();
clock.set(NOW);

function fakeStore() {
  const tokens: TokenRevocation[] = [];
  const cutoffs = new Map<string, UnitTokenCutoff>();
  const clients: ClientRevocation[] = [];
  const state = { down: false, checks: 0 };
  const up = () => {
    if (state.down) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  };
  const repository: TokenRevocationsRepository & { revokeClient(c: ClientRevocation): void } = {
    revokeClient: (c) => clients.push(c),
    revokeToken: async (r) => (tokens.push(r), r),
    revokeUnitTokens: async (c) => (cutoffs.set(c.unit, c), c),
    isRevoked: async (t: TokenIdentity) => {
      up();
      state.checks += 1;
      return tokens.some((r) => r.jti === t.jti && r.unit === t.unit) || (cutoffs.get(t.unit)?.revokedBefore.getTime() ?? -1) >= t.issuedAt.getTime()
        || clients.some((c) => c.clientId === t.client);
    },
    inForce: async () => (up(), { tokens: [...tokens], cutoffs: [...cutoffs.values()], clients: [...clients] }),
    changeMark: async () => (up(), `${tokens.length}/${cutoffs.size}/${clients.length}`),
    prune: async () => 0,
  };
  return { repository, state };
}

/** A memory hot state that throws HotStateUnavailable while `down`, as the Redis one does. */
function switchableHotState(): HotState & { down: boolean } {
  const inner = createMemoryHotState('t:');
  const hot = { ...inner, down: false };
  const guard = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (hot.down) throw new HotStateUnavailable(new Error('ECONNREFUSED'));
    return call(...args);
  };
  return Object.assign(hot, {
    kind: 'redis' as const,
    isAvailable: () => !hot.down,
    get: guard(inner.get), getMany: guard(inner.getMany), set: guard(inner.set), setMany: guard(inner.setMany), delete: guard(inner.delete),
  });
}

const token = (jti: string, unit = '440106', issuedAt = new Date(NOW.getTime() - 60_000)): TokenIdentity => ({ jti, unit, issuedAt });
const revocation = (jti: string, unit = '440106'): TokenRevocation => ({
  jti, unit, revokedAt: NOW, expiresAt: new Date(NOW.getTime() + 86_400_000), revokedBy: unit, reason: 'test',
});

let denylist: TokenDenylist;
afterEach(() => denylist?.close());

async function open(mode: 'hot' | 'store' = 'hot') {
  const store = fakeStore();
  const hot = switchableHotState();
  await store.repository.revokeToken(revocation('leaked'));
  denylist = createTokenDenylist({ mode, hotState: hot, store: store.repository, clock, logger: createLogger('silent', 't'), backstopMs: 60_000 });
  await denylist.start();
  return { store, hot };
}

it('answers from the hot state once copied: a revoked jti of that unit only, and a unit cut-off by issue time', async () => {
  const { store, hot } = await open();
  expect(await hot.get(DENYLIST_READY_KEY)).toBeDefined();
  expect(await denylist.isRevoked(token('leaked'))).toBe(true);
  expect(await denylist.isRevoked(token('leaked', '440104'))).toBe(false);
  expect(await denylist.isRevoked(token('other'))).toBe(false);
  await hot.set(unitCutoffKey('GZGAJ'), String(NOW.getTime()));
  expect(await denylist.isRevoked(token('any', 'GZGAJ', new Date(NOW.getTime() - 1_000)))).toBe(true);
  expect(await denylist.isRevoked(token('any', 'GZGAJ', new Date(NOW.getTime() + 1_000)))).toBe(false);
  expect(store.state.checks).toBe(0);
});

it('refuses every token of a revoked app, whenever issued, and no other token of its unit', async () => {
  const { store, hot } = await open();
  const ofApp = (jti: string, client: string): TokenIdentity => ({ ...token(jti), client });
  await hot.set(revokedClientKey('app_gone'), String(NOW.getTime()));
  expect(await denylist.isRevoked(ofApp('a', 'app_gone'))).toBe(true);
  expect(await denylist.isRevoked({ ...ofApp('b', 'app_gone'), issuedAt: new Date(NOW.getTime() + 1_000) })).toBe(true);
  expect(await denylist.isRevoked(ofApp('c', 'app_kept'))).toBe(false);
  expect(await denylist.isRevoked(token('d'))).toBe(false);
  expect(store.state.checks).toBe(0);
  // From PostgreSQL alike while Redis is down, and copied when the hot state is rebuilt.
  store.repository.revokeClient({ clientId: 'app_later', revokedAt: NOW });
  hot.down = true;
  expect(await denylist.isRevoked(ofApp('e', 'app_later'))).toBe(true);
  expect(store.state.checks).toBe(1);
  hot.down = false;
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await hot.get(revokedClientKey('app_later'))).toBe(String(NOW.getTime()));
});

it('asks PostgreSQL while Redis is down, and refuses what it lists', async () => {
  const { store, hot } = await open();
  hot.down = true;
  expect(await denylist.isRevoked(token('leaked'))).toBe(true);
  expect(await denylist.isRevoked(token('fine'))).toBe(false);
  expect(store.state.checks).toBe(2);
});

it('does not trust a Redis without its sentinel (flushed): PostgreSQL answers and the copy is rebuilt', async () => {
  const { store, hot } = await open();
  await hot.delete(DENYLIST_READY_KEY, revokedTokenKey('440106', 'leaked'));
  expect(await denylist.isRevoked(token('leaked'))).toBe(true);
  expect(store.state.checks).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await hot.get(revokedTokenKey('440106', 'leaked'))).toBe('1');
  expect(await denylist.isRevoked(token('leaked'))).toBe(true);
  expect(store.state.checks).toBe(1);
});

it('throws when neither can answer; the authenticator refuses with UPSTREAM_UNAVAILABLE (503), not UNAUTHENTICATED', async () => {
  const { store, hot } = await open();
  hot.down = true;
  store.state.down = true;
  const claims: TokenClaims = { ...token('fine'), expiresAt: new Date(NOW.getTime() + 3_600_000) };
  const refusal = await refuseRevoked(denylist, claims).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(RefusedRequest);
  expect((refusal as RefusedRequest).status).toBe(503);
  expect((refusal as RefusedRequest).shape.extensions).toEqual(expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', system: 'governance' }));
});

it('refuses a revoked token as UNAUTHENTICATED "token revoked" and lets a good one through', async () => {
  await open();
  const expiresAt = new Date(NOW.getTime() + 3_600_000);
  const revoked = await refuseRevoked(denylist, { ...token('leaked'), expiresAt }).catch((error: unknown) => error);
  expect(revoked).toBeInstanceOf(TokenRejected);
  expect((revoked as TokenRejected).failure).toBe('revoked');
  expect((revoked as TokenRejected).message).toMatch(/^token revoked/);
  await expect(refuseRevoked(denylist, { ...token('fine'), expiresAt })).resolves.toBeUndefined();
});

it('in store mode (no shared Redis) asks PostgreSQL every time and never writes the hot state', async () => {
  const { store, hot } = await open('store');
  expect(await denylist.isRevoked(token('leaked'))).toBe(true);
  expect(await denylist.isRevoked(token('fine'))).toBe(false);
  expect(store.state.checks).toBe(2);
  expect(await hot.get(DENYLIST_READY_KEY)).toBeUndefined();
});
