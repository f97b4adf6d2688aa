import { createAuditLog } from '../audit-log';
import { createAuditTestStore, type AuditTestStore } from './audit-test-store';
import { auditEntry, fixedClock, silentLogger } from './audit-fixtures';

let store: AuditTestStore;
beforeAll(async () => {
  store = await createAuditTestStore();
  const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
  await Promise.all([log.append(auditEntry(1)), log.append(auditEntry(2))]);
});
afterAll(async () => {
  await store.drop();
});

/** The store itself refuses every change to the trail, whoever asks, with the trigger's message. */
describe.each([
  ['audit_entries', "UPDATE audit_entries SET unit = '440104' WHERE seq = 1", 'UPDATE'],
  ['audit_entries', 'DELETE FROM audit_entries WHERE seq = 2', 'DELETE'],
  ['audit_entries', 'DELETE FROM audit_entries WHERE false', 'DELETE'],
  ['audit_entries', 'TRUNCATE audit_entries CASCADE', 'TRUNCATE'],
  ['audit_record_sets', "UPDATE audit_record_sets SET grant_ids = '{g-9}'", 'UPDATE'],
  ['audit_record_sets', 'DELETE FROM audit_record_sets', 'DELETE'],
  ['audit_record_sets', 'TRUNCATE audit_record_sets', 'TRUNCATE'],
  ['audit_verifications', 'DELETE FROM audit_verifications', 'DELETE'],
])('%s: %s', (table, statement, operation) => {
  test('is refused and changes nothing', async () => {
    await expect(store.pool.query(statement)).rejects.toMatchObject({
      message: `the audit trail is append-only: ${operation} on ${table} is refused`,
      code: '42501',
    });
    const entries = await store.pool.query('SELECT seq, unit FROM audit_entries ORDER BY seq');
    expect(entries.rows).toEqual([{ seq: '1', unit: '440106' }, { seq: '2', unit: '440106' }]);
    const access = await store.pool.query('SELECT count(*)::int AS n FROM audit_record_sets');
    expect(access.rows).toEqual([{ n: 2 }]);
  });
});
