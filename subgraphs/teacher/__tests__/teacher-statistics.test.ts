import type { TeacherHrAdapter } from '../adapter';
import type { Teacher } from '../mapper';
import { recordKey } from '../../kit/record-key';
import { createTeacherStatistics } from '../teacher-statistics';

/** A fake HR adapter: counts listings, answers with the teachers given (or fails). */
function fakeAdapter(teachers: () => Teacher[]) {
  const calls = { allTeachers: 0 };
  const adapter = {
    async allTeachers() {
      calls.allTeachers++;
      return teachers();
    },
  } as unknown as TeacherHrAdapter;
  return { adapter, calls };
}

let numbered = 0;
const teacher = (school: string, gender: string, post: string, qualification: string | null, status = '01') => ({
  id: `T${++numbered}`,
  school: { code: school }, gender: { code: gender, label: '' }, ethnicity: { code: '01', letters: 'HA', name: '汉族' },
  post: { code: post, name: '' }, qualificationKind: qualification === null ? null : { code: qualification, name: '' }, status: { code: status, name: '' },
}) as unknown as Teacher;

it('counts 专任教师 per school, sex and ethnicity once at start, with their record keys summed, and not again per read', async () => {
  numbered = 0;
  const { adapter, calls } = fakeAdapter(() => [
    teacher('2144000001', '1', '10', '2'), teacher('2144000001', '1', '23', '2'), teacher('2144000001', '2', '10', '2'),
    teacher('2144000001', '1', '31', '2'), teacher('2144000001', '1', '10', null), teacher('2144000001', '2', '10', '2', '03'),
  ]);
  const at = new Date('2026-09-01T00:00:00Z');
  const key = (id: string) => recordKey('test-cell-key-secret', id);
  const statistics = createTeacherStatistics(adapter, { refreshMs: 60_000, cellKeySecret: 'test-cell-key-secret', now: () => at });
  await statistics.start();
  const table = await statistics.current();
  await statistics.current();
  statistics.close();
  expect(calls.allTeachers).toBe(1);
  expect(table.asOf).toEqual(at);
  expect([...table.facts].sort((a, b) => a.gender.localeCompare(b.gender))).toEqual([
    { school: '2144000001', gender: '1', ethnicity: '01', count: 2, keySum: key('T1') + key('T2') },
    { school: '2144000001', gender: '2', ethnicity: '01', count: 1, keySum: key('T3') },
  ]);
});

it('keeps the previous table when a refresh fails, and has none to give before the first one succeeded', async () => {
  let failing = false;
  const { adapter } = fakeAdapter(() => {
    if (failing) throw new Error('HR down');
    return [teacher('2144000001', '1', '10', '2')];
  });
  const statistics = createTeacherStatistics(adapter, { refreshMs: 60_000, cellKeySecret: 'test-cell-key-secret' });
  await expect(statistics.current()).rejects.toThrow(/not built/);
  await statistics.start();
  failing = true;
  await statistics.refresh();
  expect((await statistics.current()).facts).toHaveLength(1);
  statistics.close();
});
