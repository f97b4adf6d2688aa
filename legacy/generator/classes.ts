/**
 * Classes per school and grade with their planned sizes. The number of students
 * generated for a class is its planned size, so 班额 can be counted from the
 * student table. Sizes: mostly 35–50, a few per cent 56–65 (大班额), at least one
 * ≥ 66 (超大班额); teaching points and special schools have small classes. The
 * sizes are then nudged so the dataset holds exactly the target student count.
 */
import { gradeByCode, type Grade } from '../../policies/standards';
import { chineseNumeral } from './chinese-numerals';
import type { Random } from './random';
import type { PlannedSchool } from './schools';

export interface PlannedClass {
  readonly XXDM: string;
  readonly NJ: string;
  readonly BH: string;
  readonly BJDM: string;
  readonly BJMC: string;
  readonly grade: Grade;
  size: number;
  /** The last `overAge` pupils are a year older than the grade's entry age (late starters, repeaters). */
  overAge: number;
  /** Where this class's pupils start in the numbering of their birth cohort (see slot-permutation). */
  onAgeOffset: number;
  overAgeOffset: number;
}

const NORMAL_MIN = 35;
const NORMAL_MAX = 50;
const LARGE_SHARE = 0.04;
const OVERSIZED_SHARE = 0.008;
const MEAN_REGULAR_SIZE = 43.3;

function className(gradeCode: string, number: number): string {
  const year = chineseNumeral(Number(gradeCode[1]));
  if (gradeCode[0] === '1') return `${year}年级(${number})班`;
  return `${gradeCode[0] === '2' ? '初' : '高'}${year}(${number})班`;
}

function smallClassSize(school: PlannedSchool, random: Random): number {
  return school.profile.classKind === 'special' ? random.int(8, 14) : random.int(12, 30);
}

function regularScale(schools: ReadonlyArray<PlannedSchool>, targetStudents: number): number {
  let regularAtScaleOne = 0;
  let small = 0;
  for (const s of schools) {
    const perSchool = s.profile.classesPerGrade * s.runningType.grades.length;
    if (s.profile.classKind === 'regular') regularAtScaleOne += perSchool * s.sizeFactor * MEAN_REGULAR_SIZE;
    else small += perSchool * 15;
  }
  return (targetStudents - small) / regularAtScaleOne;
}

export function planClasses(
  schools: ReadonlyArray<PlannedSchool>, targetStudents: number, random: Random,
): PlannedClass[][] {
  const scale = regularScale(schools, targetStudents);
  const regular: PlannedClass[] = [];
  const bySchool = schools.map((school) => {
    const classes: PlannedClass[] = [];
    for (const NJ of school.runningType.grades) {
      const base = school.profile.classKind === 'regular'
        ? school.profile.classesPerGrade * school.sizeFactor * scale
        : school.profile.classesPerGrade * (school.profile.classKind === 'special' ? school.sizeFactor : 1);
      const count = Math.max(1, Math.round(base * (0.85 + 0.3 * random.next())));
      for (let n = 1; n <= count; n += 1) {
        const BH = String(n).padStart(2, '0');
        const planned: PlannedClass = {
          XXDM: school.row.XXDM, NJ, BH, BJDM: school.row.XXDM + NJ + BH, BJMC: className(NJ, n),
          grade: gradeByCode(NJ)!, size: 0, overAge: 0, onAgeOffset: 0, overAgeOffset: 0,
        };
        if (school.profile.classKind === 'regular') {
          planned.size = NORMAL_MIN + Math.round((NORMAL_MAX - NORMAL_MIN) * (random.next() + random.next()) / 2);
          regular.push(planned);
        } else {
          planned.size = smallClassSize(school, random);
        }
        classes.push(planned);
      }
    }
    return classes;
  });
  const normal = markLargeClasses(regular, random);
  matchTarget(normal, targetStudents - bySchool.flat().reduce((sum, c) => sum + c.size, 0), random);
  numberCohorts(bySchool, random);
  return bySchool;
}

/** Turns a few regular classes into 大班额 and 超大班额; returns the ones left normal. */
function markLargeClasses(regular: PlannedClass[], random: Random): PlannedClass[] {
  const shuffled = random.shuffle([...regular]);
  const oversized = Math.max(1, Math.round(regular.length * OVERSIZED_SHARE));
  const large = Math.max(1, Math.round(regular.length * LARGE_SHARE));
  shuffled.slice(0, oversized).forEach((c) => { c.size = random.int(66, 72); });
  shuffled.slice(oversized, oversized + large).forEach((c) => { c.size = random.int(56, 65); });
  return shuffled.slice(oversized + large);
}

/** Moves normal classes one pupil at a time, within 35–50, until the total is the target. */
function matchTarget(normal: PlannedClass[], difference: number, random: Random): void {
  let remaining = difference;
  let i = random.below(Math.max(1, normal.length));
  let sinceChange = 0;
  while (remaining !== 0 && sinceChange < normal.length) {
    const c = normal[i]!;
    i = (i + 1) % normal.length;
    if (remaining > 0 && c.size < NORMAL_MAX) { c.size += 1; remaining -= 1; sinceChange = 0; }
    else if (remaining < 0 && c.size > NORMAL_MIN) { c.size -= 1; remaining += 1; sinceChange = 0; }
    else sinceChange += 1;
  }
}

/** Decides who is over age and numbers every pupil within their birth cohort (age on 1 September). */
function numberCohorts(bySchool: PlannedClass[][], random: Random): void {
  const cohortSizes = new Map<number, number>();
  const take = (age: number, count: number) => {
    const offset = cohortSizes.get(age) ?? 0;
    cohortSizes.set(age, offset + count);
    return offset;
  };
  for (const c of bySchool.flat()) {
    c.overAge = Math.round(c.size * (0.03 + 0.07 * random.next()));
    c.onAgeOffset = take(c.grade.entryAge, c.size - c.overAge);
    c.overAgeOffset = take(c.grade.entryAge + 1, c.overAge);
  }
}
