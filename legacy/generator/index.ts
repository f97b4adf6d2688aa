/**
 * The deterministic synthetic data of the three legacy stand-ins: the student
 * DB (schools, classes, students with guardians), the teacher HR system and the
 * facility export. Same options ⇒ byte-identical rows; the seed alone decides
 * every value (no Math.random, no clock). Schools, classes, staff and buildings
 * are built at once; students are produced school by school on iteration.
 */
import {
  DATA_SIZES, type BuildingRow, type ClassRow, type DataSize, type GuardianRow, type SchoolRow, type StudentRow,
  type TeacherRecord,
} from '../records';
import { ensureDangerousBuilding, generateBuildings } from './buildings';
import { planClasses } from './classes';
import { deriveRandom } from './random';
import { planSchools } from './schools';
import { planStaffCounts } from './staff-plan';
import { StudentSlots } from './student-slots';
import { generateStudents } from './students';
import { generateStaff } from './teachers';

export interface GenerateOptions {
  size: DataSize;
  seed: number;
  /** The school year starting on 1 September of this year; default 2026. */
  schoolYear?: number;
}

export interface LegacyDataset {
  readonly options: Required<GenerateOptions>;
  readonly schools: ReadonlyArray<SchoolRow>;
  readonly classes: ReadonlyArray<ClassRow>;
  readonly teachers: ReadonlyArray<TeacherRecord>;
  readonly buildings: ReadonlyArray<BuildingRow>;
  readonly expectedStudentCount: number;
  /** Lazily generated, school by school, so 2,000,000 students never sit in memory at once. Calling it twice yields identical rows. */
  students(): Iterable<{ student: StudentRow; guardians: GuardianRow[] }>;
}

export const DEFAULT_SCHOOL_YEAR = 2026;

function resolveOptions(options: GenerateOptions): Required<GenerateOptions> {
  const { size, seed, schoolYear = DEFAULT_SCHOOL_YEAR } = options;
  if (!Object.hasOwn(DATA_SIZES, size)) throw new RangeError(`size must be one of ${Object.keys(DATA_SIZES).join(', ')}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be a safe integer');
  if (!Number.isInteger(schoolYear) || schoolYear < 2000 || schoolYear > 2100) {
    throw new RangeError('schoolYear must be a year between 2000 and 2100');
  }
  return Object.freeze({ size, seed, schoolYear });
}

export function generateLegacyDataset(options: GenerateOptions): LegacyDataset {
  const resolved = resolveOptions(options);
  const { size, seed, schoolYear } = resolved;
  const target = DATA_SIZES[size];
  const schools = planSchools(size, deriveRandom(seed, 'schools'));
  const classPlans = planClasses(schools, target.students, deriveRandom(seed, 'classes'));
  const staffCounts = planStaffCounts(schools, classPlans, target.teachers);

  let staffCount = 0;
  const staffContext = {
    schoolYear,
    nextStaffNumber: () => `T${1_000_000 + ++staffCount}`,
    issuedIds: new Set<string>(),
  };
  const teachers: TeacherRecord[] = [];
  const classes: ClassRow[] = [];
  const buildings: BuildingRow[] = [];
  for (const school of schools) {
    const planned = classPlans[school.index]!;
    const staff = generateStaff(school, planned, staffCounts[school.index]!, staffContext, deriveRandom(seed, 'staff', school.index));
    teachers.push(...staff.teachers);
    planned.forEach((c, i) => classes.push({
      BJDM: c.BJDM, XXDM: c.XXDM, NJ: c.NJ, BH: c.BH, BJMC: c.BJMC, BZRGH: staff.headTeachers[i]!,
    }));
    const students = planned.reduce((sum, c) => sum + c.size, 0);
    buildings.push(...generateBuildings(school, students, schoolYear, deriveRandom(seed, 'buildings', school.index)));
  }
  ensureDangerousBuilding(buildings);

  return Object.freeze({
    options: resolved,
    schools: Object.freeze(schools.map((s) => s.row)),
    classes: Object.freeze(classes),
    teachers: Object.freeze(teachers),
    buildings: Object.freeze(buildings),
    expectedStudentCount: classPlans.flat().reduce((sum, c) => sum + c.size, 0),
    *students() {
      const slots = new StudentSlots(seed, schoolYear);
      for (const school of schools) {
        const random = deriveRandom(seed, 'students', school.index);
        yield* generateStudents(school, classPlans[school.index]!, slots, schoolYear, random);
      }
    },
  });
}
