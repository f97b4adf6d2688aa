import { gradeByCode, type Grade } from './grade';
import { runningTypeByCode } from './school';

/** 学段 as a verification answers it: the level of schooling, never the school. */
export type SchoolLevel = 'PRIMARY' | 'JUNIOR' | 'SENIOR' | 'VOCATIONAL' | 'SPECIAL';

const gradeLevels: Readonly<Record<Grade['level'], SchoolLevel>> = { primary: 'PRIMARY', junior: 'JUNIOR', senior: 'SENIOR' };

/**
 * The level a student is enrolled at, from the school's 办学类型码 (not its
 * name or 学校标识码, which say nothing reliable about the pupil): secondary
 * vocational (36x) and special education (51x) are levels of their own; a
 * school that runs one level gives that level; a 一贯制 or 完全中学 school
 * runs several, so the student's grade picks among the levels it runs.
 * Undefined for an unknown running type, or a grade the school does not run.
 */
export function schoolLevelOf(runningTypeCode: string, gradeCode: string): SchoolLevel | undefined {
  const runningType = runningTypeByCode(runningTypeCode);
  if (!runningType) return undefined;
  if (runningType.category === '36') return 'VOCATIONAL';
  if (runningType.category === '51') return 'SPECIAL';
  const levels = new Set(runningType.grades.map((code) => gradeByCode(code)!.level));
  if (levels.size === 1) return gradeLevels[[...levels][0]!];
  const grade = gradeByCode(gradeCode);
  return grade && runningType.grades.includes(grade.code) ? gradeLevels[grade.level] : undefined;
}
