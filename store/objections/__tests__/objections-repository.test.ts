import { loadDefaultCatalog } from '../../../policies/catalog';
import { fixedUnits } from '../../../policies/units';
import { openTestStore, type TestStore } from '../../__tests__/test-store';
import { objectionsRepository, type NewObjection, type ObjectionsRepository } from '../objections-repository';

/** The objection store: the filing and every step in one history, the open ones found by record, overdue by deadline, history append-only. */
let t: TestStore;
let objections: ObjectionsRepository;
let catalogVersion: string;

beforeAll(async () => {
  t = await openTestStore();
  objections = objectionsRepository(t.store.pool);
  catalogVersion = await t.store.catalog.record(loadDefaultCatalog(new Set(fixedUnits.map((u) => u.code))));
});
afterAll(async () => { await t?.drop(); });

const filing = (overrides: Partial<NewObjection> = {}): NewObjection => ({
  recordType: 'Student', recordId: '2144000001000002', coordinate: 'Student.birthDate', resource: 'GZJY-XS-001',
  filedBy: 'GZGAJ', provider: '440100', reason: '户籍登记的出生日期为 2015-03-02', proposedValue: '2015-03-02',
  filedAt: new Date('2025-03-03T02:00:00Z'), deadline: new Date('2025-03-18T15:59:59.999Z'), catalogVersion, ...overrides,
});
const step = (actorUnit: string, reason: string | null = null) => ({ actorUnit, actorToken: 'jti-1', reason });

describe('objections repository', () => {
  it('files with a first history step, moves through each state, and closes with a time', async () => {
    const filed = await objections.file(filing(), step('GZGAJ', '户籍登记的出生日期为 2015-03-02'));
    expect(filed).toMatchObject({ status: 'FILED', closedAt: null, filedBy: 'GZGAJ', provider: '440100' });
    const at = new Date('2025-03-04T02:00:00Z');
    await objections.transition(filed.id, () => ({ to: 'VERIFYING', at, step: step('440100') }));
    const closed = await objections.transition(filed.id, () => ({ to: 'CORRECTED', at, step: step('440100', '已核对户籍，更正') }));
    expect(closed).toMatchObject({ status: 'CORRECTED', closedAt: at });
    const history = (await objections.history([filed.id])).get(filed.id)!;
    expect(history.map((e) => [e.seq, e.fromStatus, e.toStatus, e.actorUnit])).toEqual([
      [1, null, 'FILED', 'GZGAJ'], [2, 'FILED', 'VERIFYING', '440100'], [3, 'VERIFYING', 'CORRECTED', '440100'],
    ]);
  });

  it('writes nothing when the plan refuses', async () => {
    const filed = await objections.file(filing({ recordId: 'R-refused' }), step('GZGAJ'));
    await expect(objections.transition(filed.id, () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect((await objections.history([filed.id])).get(filed.id)).toHaveLength(1);
    expect((await objections.get(filed.id))!.status).toBe('FILED');
  });

  it('finds the open objections on a set of records, and the overdue ones by deadline', async () => {
    const open = await objections.file(filing({ recordType: 'Teacher', recordId: 'T9', coordinate: 'Teacher.title', resource: 'GZJY-JS-003', filedBy: '440106' }), step('440106'));
    const found = await objections.openOnRecords([{ type: 'Teacher', id: 'T9' }, { type: 'Student', id: '2144000001000002' }]);
    expect(found.map((o) => o.id)).toEqual([open.id]);
    // Each asked pair, not any type with any id: the same id under the other record type is another record.
    expect(await objections.openOnRecords([{ type: 'Student', id: 'T9' }, { type: 'Teacher', id: '2144000001000002' }])).toEqual([]);
    expect(await objections.list({ overdueAt: new Date('2025-03-18T15:00:00Z') })).toEqual([]);
    const overdue = await objections.list({ overdueAt: new Date('2025-03-19T00:00:00Z') });
    expect(overdue.map((o) => o.id).sort()).toEqual(expect.arrayContaining([open.id]));
    expect(overdue.every((o) => o.status === 'FILED' || o.status === 'VERIFYING')).toBe(true);
    expect(await objections.count({ involving: '440106' })).toBe(1);
  });

  it('refuses to change or remove history rows', async () => {
    await expect(t.store.pool.query('UPDATE objection_events SET reason = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(t.store.pool.query('DELETE FROM objection_events')).rejects.toThrow(/append-only/);
  });
});
