/**
 * How many staff each school has. The data size's teacher total is shared out
 * in proportion to students, special schools weighted four times (their
 * student–teacher ratio is nearer 3:1 than 12.5:1); every school keeps at least
 * one head teacher per class, a leader and one more.
 */
import type { PlannedClass } from './classes';
import type { PlannedSchool } from './schools';

const SPECIAL_WEIGHT = 4;

export function planStaffCounts(
  schools: ReadonlyArray<PlannedSchool>, classPlans: ReadonlyArray<ReadonlyArray<PlannedClass>>, totalStaff: number,
): number[] {
  const weights = schools.map((school) => {
    const students = classPlans[school.index]!.reduce((sum, c) => sum + c.size, 0);
    return students * (school.profile.classKind === 'special' ? SPECIAL_WEIGHT : 1);
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  return schools.map((school) => Math.max(
    classPlans[school.index]!.length + 2,
    Math.round((totalStaff * weights[school.index]!) / totalWeight),
  ));
}
