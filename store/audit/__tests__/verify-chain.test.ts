import { chainHash, toAuditContent } from '../audit-entry';
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

async function appendEntries(count: number): Promise<void> {
  const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger, maxBatch: 4 });
  await Promise.all(Array.from({ length: count }, (_, n) => log.append(auditEntry(n + 1))));
}

/** What an owner who can bypass the store's refusal could do: triggers off, change, triggers on. */
async function tamper(table: string, statement: string): Promise<void> {
  await store.pool.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`);
  await store.pool.query(statement);
  await store.pool.query(`ALTER TABLE ${table} ENABLE TRIGGER ALL`);
}

const idOf = async (seq: number): Promise<string> =>
  (await store.pool.query<{ id: string }>('SELECT id FROM audit_entries WHERE seq = $1', [seq])).rows[0]!.id;

describe('verifyAuditChain', () => {
  test('an empty trail is intact', async () => {
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 0 });
  });

  test('an untouched trail across several pages is intact', async () => {
    const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
    await Promise.all(Array.from({ length: 2_345 }, (_, n) => log.append(auditEntry(n))));
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 2_345 });
  });

  test('a changed unit is a hash mismatch at exactly that entry', async () => {
    await appendEntries(10);
    const id = await idOf(6);
    await tamper('audit_entries', "UPDATE audit_entries SET unit = '440104' WHERE seq = 6");
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: false, entries: 6, brokenAt: { seq: '6', id, reason: 'hash mismatch' } });
  });

  test('a changed time is a hash mismatch at that entry', async () => {
    await appendEntries(3);
    const id = await idOf(1);
    await tamper('audit_entries', "UPDATE audit_entries SET at = at + interval '1 hour' WHERE seq = 1");
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: false, entries: 1, brokenAt: { seq: '1', id, reason: 'hash mismatch' } });
  });

  test('a removed middle entry breaks the link of the entry after it', async () => {
    await appendEntries(10);
    const id = await idOf(5);
    await tamper('audit_entries', 'DELETE FROM audit_entries WHERE seq = 4');
    expect(await verifyAuditChain(store.pool)).toEqual({
      ok: false, entries: 4, brokenAt: { seq: '5', id, reason: 'prev_hash does not link' },
    });
  });

  test('a removed first entry breaks the link of the new first entry', async () => {
    await appendEntries(3);
    const id = await idOf(2);
    await tamper('audit_entries', 'DELETE FROM audit_entries WHERE seq = 1');
    expect(await verifyAuditChain(store.pool)).toEqual({
      ok: false, entries: 1, brokenAt: { seq: '2', id, reason: 'prev_hash does not link' },
    });
  });

  test('a removed record access (who saw whom) is a hash mismatch at its entry', async () => {
    await appendEntries(5);
    const id = await idOf(3);
    await tamper('audit_record_sets', 'DELETE FROM audit_record_sets WHERE audit_seq = 3');
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: false, entries: 3, brokenAt: { seq: '3', id, reason: 'hash mismatch' } });
  });

  test.each([
    ['a copy of a record set', 'INSERT INTO audit_record_sets SELECT * FROM audit_record_sets WHERE audit_seq = 3'],
    ['a set repeating the entry\'s records', 'INSERT INTO audit_record_sets SELECT audit_seq, record_type, grant_ids, record_ids || record_ids FROM audit_record_sets WHERE audit_seq = 3'],
  ])('%s, added by the app role (which may insert), is a hash mismatch at its entry', async (_, statement) => {
    await appendEntries(5);
    const id = await idOf(3);
    await store.pool.query(statement);
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: false, entries: 3, brokenAt: { seq: '3', id, reason: 'hash mismatch' } });
  });

  test('an entry changed and re-hashed by the tamperer breaks the link of the entry after it', async () => {
    await appendEntries(5);
    const { rows } = await store.pool.query<{ id: string; request_id: string; prev_hash: string }>(
      'SELECT id, request_id, prev_hash FROM audit_entries WHERE seq = 2');
    const { id, request_id: requestId, prev_hash: prevHash } = rows[0]!;
    expect(requestId).toBe('req-2');
    const forged = chainHash(prevHash, toAuditContent(auditEntry(2, { unit: '440104' }), id, fixedClock().now()));
    await tamper('audit_entries', `UPDATE audit_entries SET unit = '440104', hash = '${forged}' WHERE seq = 2`);
    expect(await verifyAuditChain(store.pool)).toEqual({
      ok: false, entries: 3, brokenAt: { seq: '3', id: await idOf(3), reason: 'prev_hash does not link' },
    });
  });
});
