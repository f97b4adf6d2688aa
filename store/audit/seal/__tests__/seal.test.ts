import { appendFile } from 'node:fs/promises';
import { generateKeyPair } from 'jose';
import { createAuditLog } from '../../audit-log';
import { writeAuditBatch } from '../../write-audit-batch';
import { toAuditContent } from '../../audit-entry';
import { verifyAuditChain } from '../../verify-chain';
import { createAuditTestStore, type AuditTestStore } from '../../__tests__/audit-test-store';
import { auditEntry, fixedClock, silentLogger } from '../../__tests__/audit-fixtures';
import { checkAgainstSeal, describeSealCheck } from '../check-seal';
import { createAuditSealer, SealRefusedError, type AuditSealer } from '../seal-chain';
import { signSeal } from '../seal-record';
import { createSealFixture, cutTail, type SealFixture } from './seal-fixtures';

/**
 * What the seal shows that the hash chain alone does not (issue 11, item 3):
 * a tail cut with session_replication_role = replica, and a trail rewritten
 * with freshly computed hashes, both leave a chain that verifies.
 */
const SEALED_AT = '2025-03-01T09:00:00.000Z';
let store: AuditTestStore;
let seals: SealFixture;
let sealer: AuditSealer;

/** One store for the file (a fresh one per test costs more than the tests); each test starts from the same seven entries. */
beforeAll(async () => {
  store = await createAuditTestStore();
});
afterAll(async () => {
  await store.drop();
});
beforeEach(async () => {
  await cutTail(store.pool, 1);
  await store.pool.query("SELECT setval('audit_entries_seq_seq', 1, false)");
  seals = await createSealFixture();
  sealer = createAuditSealer({ pool: store.pool, log: seals.log, keys: seals.keys, clock: fixedClock(SEALED_AT) });
  const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
  for (let n = 1; n <= 7; n++) await log.append(auditEntry(n));
});
afterEach(async () => {
  await seals.remove();
});

const check = () => checkAgainstSeal(store.pool, seals.log, seals.keys.publicKey);

describe('sealing the chain head', () => {
  test('an untouched trail matches its seal', async () => {
    const line = await sealer.seal('scheduled');
    expect(line).toMatchObject({ seq: '7', sealedAt: SEALED_AT, reason: 'scheduled' });
    expect(describeSealCheck(await check())).toBe(`sealed head #7 (sealed at ${SEALED_AT}) is present and unchanged`);
  });

  test('a head already sealed is not sealed again on schedule', async () => {
    await sealer.seal('scheduled');
    expect(await sealer.seal('scheduled')).toBeNull();
  });

  test('nothing is sealed for an empty trail, and nothing sealed is reported as such', async () => {
    await cutTail(store.pool, 1);
    expect(await sealer.seal('scheduled')).toBeNull();
    expect(await check()).toEqual({ kind: 'unsealed' });
  });
});

describe('what the chain alone does not show', () => {
  test('a tail cut in replica mode: the chain verifies, the seal names the missing entries', async () => {
    await sealer.seal('scheduled');
    await cutTail(store.pool, 5);
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 4 });
    expect(describeSealCheck(await check())).toBe(`entries #5–#7 sealed at ${SEALED_AT} are missing (#4 is the last entry before them)`);
  });

  test('the whole trail cut: the seal says so', async () => {
    await sealer.seal('scheduled');
    await cutTail(store.pool, 1);
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 0 });
    expect(describeSealCheck(await check())).toBe(`entries #1–#7 sealed at ${SEALED_AT} are missing (no entry before them remains)`);
  });

  test('a trail rewritten with fresh hashes: the chain verifies, the sealed hash differs', async () => {
    await sealer.seal('scheduled');
    await cutTail(store.pool, 1);
    await store.pool.query("SELECT setval('audit_entries_seq_seq', 1, false)");
    const forged = Array.from({ length: 7 }, (_, n) => toAuditContent(auditEntry(n + 1, { unit: '440104' }), `forged-${n}`, new Date(SEALED_AT)));
    await writeAuditBatch(store.pool, forged);
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 7 });
    expect(await check()).toMatchObject({ kind: 'hash differs' });
    expect(describeSealCheck(await check())).toBe(`entry #7 does not hold the hash sealed at ${SEALED_AT}: the trail was rewritten up to it`);
  });

  test('the sealer refuses to seal over a cut tail, so the cut stays visible', async () => {
    await sealer.seal('scheduled');
    await cutTail(store.pool, 6);
    await createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger }).append(auditEntry(8));
    const refused = sealer.seal('scheduled');
    await expect(refused).rejects.toBeInstanceOf(SealRefusedError);
    await expect(refused).rejects.toThrow(`not sealing: entries #6–#7 sealed at ${SEALED_AT} are missing (#5 is the last entry before them)`);
  });
});

describe('a seal that cannot be trusted', () => {
  test('signed with another key', async () => {
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const payload = { seq: '7', hash: 'f'.repeat(64), sealedAt: SEALED_AT, reason: 'scheduled' as const };
    await seals.log.append({ ...payload, jws: await signSeal(payload, other.privateKey) });
    const result = await check();
    expect(result.kind).toBe('seal invalid');
    expect(describeSealCheck(result)).toMatch(/^the seal of #7 sealed at 2025-03-01T09:00:00.000Z does not verify with the audit-seal key/);
  });

  test('a damaged last line', async () => {
    await sealer.seal('scheduled');
    await appendFile(seals.log.file, '{"seq": "7", "ha\n');
    expect(await check()).toEqual({ kind: 'seal invalid', message: `the last line of ${seals.log.file} is not a seal: the record was damaged` });
  });
});
