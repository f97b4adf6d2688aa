import { randomUUID } from 'node:crypto';
import { createAuditLog } from '../audit-log';
import { verifyAuditChain } from '../verify-chain';
import { createAuditTestStore, type AuditTestStore } from './audit-test-store';
import { auditEntry, fixedClock, silentLogger } from './audit-fixtures';

let store: AuditTestStore;
beforeEach(async () => {
  store = await createAuditTestStore();
});
afterEach(async () => {
  await store.drop();
});

const count = async (table: string): Promise<number> =>
  Number((await store.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

describe('createAuditLog', () => {
  test('200 concurrent appends are all committed, in fewer transactions, on a chain that verifies', async () => {
    const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
    await Promise.all(Array.from({ length: 200 }, (_, n) => log.append(auditEntry(n))));
    // Each append resolved only after its COMMIT, so every row is visible now.
    expect(await count('audit_entries')).toBe(200);
    expect(await count('audit_record_sets')).toBe(200);
    const { entries, batches, failedBatches } = log.stats();
    expect({ entries, failedBatches }).toEqual({ entries: 200, failedBatches: 0 });
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(batches).toBeLessThan(200);
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 200 });
  });

  test('a batch never exceeds maxBatch', async () => {
    const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger, maxBatch: 10, maxWaitMs: 50 });
    await Promise.all(Array.from({ length: 35 }, (_, n) => log.append(auditEntry(n))));
    expect(log.stats()).toEqual({ entries: 35, batches: 4, failedBatches: 0 });
  });

  test('stores what the gateway reported, at the clock\'s time', async () => {
    const log = createAuditLog(store.pool, { clock: fixedClock('2025-03-01T08:00:00.000Z'), logger: silentLogger });
    await log.append(auditEntry(1, {
      purpose: undefined,
      records: [
        { type: 'Student', id: 'S2', grantIds: ['g-2'] },
        { type: 'Student', id: 'S1', grantIds: ['g-1'] },
        { type: 'Student', id: 'S2', grantIds: ['g-1'] },
        { type: 'Teacher', id: 'T1', grantIds: [] },
      ],
    }));
    const entry = (await store.pool.query('SELECT * FROM audit_entries')).rows[0];
    expect(entry).toMatchObject({
      seq: '1', at: new Date('2025-03-01T08:00:00.000Z'), request_id: 'req-1', unit: '440106', token_id: 'tok-1',
      purpose: null, operation_hash: 'op-1', operation_name: 'StudentNames',
      served: ['Query.student', 'Student.name'], refused: [{ coordinate: 'Student.idNumber', code: 'NOT_GRANTED' }],
      record_counts: { 'GZJY-XS-001': 1 }, grant_ids: ['g-1'], prev_hash: '0'.repeat(64),
    });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    const sets = await store.pool.query('SELECT audit_seq, record_type, grant_ids, record_ids FROM audit_record_sets ORDER BY record_type, grant_ids');
    // A record served twice in one request is one access under both grants; records served under the same grants share a set.
    expect(sets.rows).toEqual([
      { audit_seq: '1', record_type: 'Student', grant_ids: ['g-1'], record_ids: ['S1'] },
      { audit_seq: '1', record_type: 'Student', grant_ids: ['g-1', 'g-2'], record_ids: ['S2'] },
      { audit_seq: '1', record_type: 'Teacher', grant_ids: [], record_ids: ['T1'] },
    ]);
  });

  test('a record served under 500 grants is stored whole and verifies', async () => {
    // Random, as grant ids are: a list that compressed well would hide a size limit.
    const grantIds = Array.from({ length: 500 }, () => randomUUID()).sort();
    const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
    await log.append(auditEntry(1, { grantIds, records: [{ type: 'Teacher', id: 'T1', grantIds }, { type: 'Teacher', id: 'T2', grantIds }] }));
    const sets = await store.pool.query('SELECT record_ids, cardinality(grant_ids) AS grants FROM audit_record_sets');
    expect(sets.rows).toEqual([{ record_ids: ['T1', 'T2'], grants: 500 }]);
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 1 });
  });

  test('a failing batch rejects all its waiters, keeps none of its rows, and the next batch goes on', async () => {
    // As the database owner, make any insert for unit FAIL raise, so one bad row fails its batch.
    await store.pool.query(`
      CREATE FUNCTION test_fail_unit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.unit = 'FAIL' THEN RAISE EXCEPTION 'test: insert refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_fail_unit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION test_fail_unit();`);
    const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger, maxWaitMs: 20 });
    const results = await Promise.allSettled([
      log.append(auditEntry(1)), log.append(auditEntry(2, { unit: 'FAIL' })), log.append(auditEntry(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe('test: insert refused');
    expect(await count('audit_entries')).toBe(0);
    expect(await count('audit_record_sets')).toBe(0);

    await log.append(auditEntry(4));
    expect(log.stats()).toEqual({ entries: 1, batches: 1, failedBatches: 1 });
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 1 });
  });

  test.each([
    [{ recordCounts: { 'GZJY-XS-001': -1 } }, 'audit entry req-1: recordCounts.GZJY-XS-001 must be a non-negative integer, got -1'],
    [{ recordCounts: { 'GZJY-XS-001': 1.5 } }, 'audit entry req-1: recordCounts.GZJY-XS-001 must be a non-negative integer, got 1.5'],
    [{ records: [{ type: 'Guardian' as 'Student', id: 'G1', grantIds: [] }] }, 'audit entry req-1: record type must be Student or Teacher, got Guardian'],
    [{ operationName: 'Q\u0000' }, 'audit entry req-1: a string contains a NUL character'],
  ])('a malformed entry (%j) is refused alone, before batching', async (overrides, message) => {
    const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
    const bad = log.append(auditEntry(1, overrides));
    const good = log.append(auditEntry(2));
    await expect(bad).rejects.toThrow(message);
    await expect(good).resolves.toBeUndefined();
    expect(await count('audit_entries')).toBe(1);
  });

  test('two writers at once (as two gateway instances) keep one linear chain', async () => {
    const clock = fixedClock();
    // Two logs have a batch in flight each at once, on two connections: the advisory lock orders them.
    const a = createAuditLog(store.pool, { clock, logger: silentLogger, maxBatch: 7 });
    const b = createAuditLog(store.pool, { clock, logger: silentLogger, maxBatch: 5 });
    await Promise.all(Array.from({ length: 60 }, (_, n) => (n % 2 ? a : b).append(auditEntry(n))));
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 60 });
  });

  test('flush waits for queued entries; close refuses later appends', async () => {
    const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger, maxWaitMs: 1_000 });
    const pending = log.append(auditEntry(1));
    await log.close();
    expect(await count('audit_entries')).toBe(1);
    await expect(pending).resolves.toBeUndefined();
    await expect(log.append(auditEntry(2))).rejects.toThrow('the audit log is closed');
  });
});
