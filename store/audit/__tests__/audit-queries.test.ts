import { createAuditLog } from '../audit-log';
import { countAuditTrail, queryAuditTrail, queryRecordAccesses } from '../audit-queries';
import { createAuditTestStore, type AuditTestStore } from './audit-test-store';
import { auditEntry, silentLogger } from './audit-fixtures';

let store: AuditTestStore;
beforeAll(async () => {
  store = await createAuditTestStore();
  await store.pool.query(`INSERT INTO units (code, name, type, parent, synced_at) VALUES
    ('440106', '天河区教育局', 'DISTRICT_BUREAU', '440100', now()), ('GZGAJ', '广州市公安局', 'PARTNER_DEPARTMENT', NULL, now())`);
  // One entry per hour from 08:00, appended one by one so seq follows time.
  let hour = 8;
  const log = createAuditLog(store.pool, {
    clock: { now: () => new Date(`2025-03-01T${String(hour).padStart(2, '0')}:00:00.000Z`) }, logger: silentLogger,
  });
  const entries = [
    auditEntry(1, { records: [{ type: 'Student', id: 'S1', grantIds: [] }] }),
    auditEntry(2, { unit: 'GZGAJ', served: ['Query.student', 'Student.idNumber'], refused: [], grantIds: ['g-7'],
      records: [{ type: 'Student', id: 'S1', grantIds: ['g-7'] }, { type: 'Student', id: 'S2', grantIds: ['g-7'] }] }),
    auditEntry(3, { unit: 'GZWJW', served: ['Query.teachers', 'Teacher.name'], refused: [{ coordinate: 'Teacher.phone', code: 'NOT_SHARED' }],
      records: [{ type: 'Teacher', id: 'S1', grantIds: ['g-8'] }] }),
    auditEntry(4, { unit: 'GZGAJ', purpose: undefined, records: [{ type: 'Student', id: 'S1', grantIds: ['g-7', 'g-9'] }] }),
  ];
  for (const entry of entries) {
    await log.append(entry);
    hour++;
  }
});
afterAll(async () => {
  await store.drop();
});

const requestIds = (rows: ReadonlyArray<{ requestId: string }>): string[] => rows.map((r) => r.requestId);

describe('queryAuditTrail', () => {
  test('lists newest first with unit names, one more than asked to tell a next page', async () => {
    const rows = await queryAuditTrail(store.pool, {}, 2);
    expect(requestIds(rows)).toEqual(['req-4', 'req-3', 'req-2']);
    expect(rows[0]).toMatchObject({
      seq: '4', at: new Date('2025-03-01T11:00:00.000Z'), unit: { code: 'GZGAJ', name: '广州市公安局' }, purpose: null,
      grantIds: ['g-1'], recordCounts: { 'GZJY-XS-001': 1 },
    });
    expect(rows[1]!.unit).toEqual({ code: 'GZWJW', name: null });
  });

  test('continues below the cursor seq', async () => {
    expect(requestIds(await queryAuditTrail(store.pool, {}, 10, '3'))).toEqual(['req-2', 'req-1']);
  });

  test.each([
    [{ unit: 'GZGAJ' }, ['req-4', 'req-2']],
    [{ from: new Date('2025-03-01T09:00:00Z'), to: new Date('2025-03-01T11:00:00Z') }, ['req-3', 'req-2']],
    [{ coordinate: 'Student.idNumber' }, ['req-4', 'req-2', 'req-1']], // served by 2, refused to 1 and 4
    [{ coordinate: 'Teacher.phone' }, ['req-3']],
    [{ coordinate: 'Student.phone' }, []],
    [{ unit: 'GZGAJ', coordinate: 'Student.name' }, ['req-4']],
  ])('filter %j', async (filter, expected) => {
    expect(requestIds(await queryAuditTrail(store.pool, filter, 10))).toEqual(expected);
    expect(await countAuditTrail(store.pool, filter)).toBe(expected.length);
  });
});

describe('queryRecordAccesses', () => {
  test('who saw a student: newest first, with the grants the record was served under', async () => {
    expect(await queryRecordAccesses(store.pool, { type: 'Student', id: 'S1' }, 100)).toEqual([
      { at: new Date('2025-03-01T11:00:00.000Z'), unit: { code: 'GZGAJ', name: '广州市公安局' }, purpose: null, grantIds: ['g-7', 'g-9'], requestId: 'req-4' },
      { at: new Date('2025-03-01T09:00:00.000Z'), unit: { code: 'GZGAJ', name: '广州市公安局' }, purpose: '学位核验 enrolment check', grantIds: ['g-7'], requestId: 'req-2' },
      { at: new Date('2025-03-01T08:00:00.000Z'), unit: { code: '440106', name: '天河区教育局' }, purpose: '学位核验 enrolment check', grantIds: [], requestId: 'req-1' },
    ]);
  });

  test('a teacher with the same id is another record', async () => {
    expect(requestIds(await queryRecordAccesses(store.pool, { type: 'Teacher', id: 'S1' }, 100))).toEqual(['req-3']);
  });

  test('limited to one unit\'s own accesses, and to the newest n', async () => {
    expect(requestIds(await queryRecordAccesses(store.pool, { type: 'Student', id: 'S1' }, 100, '440106'))).toEqual(['req-1']);
    expect(requestIds(await queryRecordAccesses(store.pool, { type: 'Student', id: 'S1' }, 1))).toEqual(['req-4']);
    expect(await queryRecordAccesses(store.pool, { type: 'Student', id: 'S404' }, 100)).toEqual([]);
  });
});
