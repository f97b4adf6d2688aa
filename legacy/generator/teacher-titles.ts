/**
 * 职称 as the teacher HR system holds it. Titles follow years of teaching; staff
 * titled before the 2015 reform often still carry the old name (中学高级教师,
 * 小学高级教师 …), which policies/standards/teacher-title maps back to the ladder.
 */
import { titleLadder, type TitleRank } from '../../policies/standards';
import type { Random } from './random';

const currentName = new Map(titleLadder.map((t) => [t.rank, t.name]));

/**
 * Pre-2015 names by the rank they map to (人社部发〔2015〕79号): the old primary
 * ladder sat one step lower. 正高级 did not exist, and the rare 小学中学高级教师
 * is not in the standards table, so those ranks always carry the current name.
 */
const legacyNames: Readonly<Record<'secondary' | 'primary', Partial<Record<TitleRank, string>>>> = {
  secondary: { SENIOR: '中学高级教师', FIRST: '中学一级教师', SECOND: '中学二级教师', THIRD: '中学三级教师' },
  primary: { FIRST: '小学高级教师', SECOND: '小学一级教师', THIRD: '小学二级教师' },
};

function rankFor(random: Random, yearsTeaching: number): TitleRank {
  const r = random.next();
  if (yearsTeaching < 1) return 'NONE';
  if (yearsTeaching < 6) return r < 0.85 ? 'SECOND' : 'THIRD';
  if (yearsTeaching < 13) return r < 0.7 ? 'FIRST' : 'SECOND';
  if (yearsTeaching < 21) return r < 0.75 ? 'FIRST' : 'SENIOR';
  return r < 0.02 ? 'SENIOR_PROFESSOR' : r < 0.57 ? 'SENIOR' : 'FIRST';
}

/** '' when the holder has no title yet. */
export function teacherTitle(random: Random, startedTeaching: string, schoolYear: number, secondary: boolean): string {
  const rank = rankFor(random, schoolYear - Number(startedTeaching.slice(0, 4)));
  if (rank === 'NONE') return '';
  const old = startedTeaching < '201509' && random.chance(0.4)
    ? legacyNames[secondary ? 'secondary' : 'primary'][rank] : undefined;
  return old ?? currentName.get(rank)!;
}
