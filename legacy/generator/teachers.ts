/**
 * The staff of one school as the teacher HR system records them (head count
 * from staff-plan); every class gets a 班主任 (post 23) of its own school.
 */
import type { TeacherRecord } from '../records';
import { randomBirthDivision } from './birth-divisions';
import { randomDayOfYear, yearMonth } from './calendar';
import type { PlannedClass } from './classes';
import { mobileNumber } from './contacts';
import { randomEthnicity } from './ethnicity-mix';
import { idNumber, randomSequence } from './id-numbers';
import { personName } from './person-names';
import type { Random } from './random';
import type { PlannedSchool } from './schools';
import { educationLevel, femaleShare, teacherCertificate } from './teacher-profile';
import { teacherTitle } from './teacher-titles';

export interface StaffContext {
  readonly schoolYear: number;
  /** The next free 工号. */
  readonly nextStaffNumber: () => string;
  /** ID numbers already issued to staff, so no two staff share one. */
  readonly issuedIds: Set<string>;
}

export interface SchoolStaff {
  readonly teachers: TeacherRecord[];
  /** 工号 of the staff with post 23, one per class in the school's class order. */
  readonly headTeachers: string[];
}

const TEACHER_BIRTHPLACES = { sameDistrict: 0.3, otherGuangzhou: 0.2, otherGuangdong: 0.28 };

function posts(classes: number, wanted: number, random: Random): string[] {
  const leaders = Math.min(6, Math.max(1, Math.round(wanted * 0.03)));
  const support = Math.round(wanted * 0.035);
  const logistics = Math.round(wanted * 0.035);
  const teaching = Math.max(1, wanted - classes - leaders - support - logistics);
  const list: string[] = [];
  const add = (count: number, post: () => string) => { for (let i = 0; i < count; i += 1) list.push(post()); };
  add(classes, () => '23');
  add(leaders, () => '31');
  add(support, () => random.pick(['40', '41', '42']));
  add(logistics, () => random.pick(['60', '61', '62']));
  add(teaching, () => '10');
  return random.shuffle(list);
}

function ageFor(random: Random, post: string): number {
  const spread = (random.next() + random.next()) / 2;
  if (post === '31') return 40 + Math.floor(19 * spread);
  if (post === '23') return 25 + Math.floor(31 * spread);
  if (random.chance(0.03)) return random.int(60, 64); // retired staff stay on the HR rolls
  return 25 + Math.floor(35 * spread);
}

/** Age at the first job by 学历码; from 21, so a July start is after the 20th birthday. */
const START_AGE: Readonly<Record<string, readonly [number, number]>> = {
  '11': [27, 29], '14': [24, 26], '21': [22, 23], '31': [21, 22],
};

export function generateStaff(
  school: PlannedSchool, classes: ReadonlyArray<PlannedClass>, headCount: number, context: StaffContext, random: Random,
): SchoolStaff {
  const { schoolYear } = context;
  const category = school.runningType.category;
  const secondary = category !== '21' && category !== '51';
  const teachers = posts(classes.length, headCount, random).map((post): TeacherRecord => {
    const age = ageFor(random, post);
    const birthYear = schoolYear - age;
    const female = random.chance(femaleShare(category, post));
    const birthDate = randomDayOfYear(random, birthYear);
    const division = randomBirthDivision(random, school.district.code, birthYear, TEACHER_BIRTHPLACES);
    let id: string;
    do id = idNumber(division, birthDate, randomSequence(random, female ? '2' : '1'));
    while (context.issuedIds.has(id));
    context.issuedIds.add(id);

    const education = educationLevel(random, birthYear, post);
    const [minStart, maxStart] = START_AGE[education] ?? [21, 23];
    const workYear = Math.min(birthYear + random.int(minStart, maxStart), schoolYear);
    const startedWork = yearMonth(workYear, random.int(7, 8));
    const teachYear = Math.min(workYear + (random.chance(0.15) ? random.int(1, 5) : 0), schoolYear);
    const startedTeaching = teachYear === workYear ? startedWork : yearMonth(teachYear, 8);
    const cameYear = random.int(Math.max(teachYear, Number(school.row.JXNY.slice(0, 4))), schoolYear);
    const cameToSchool = [yearMonth(cameYear, 8), startedTeaching, school.row.JXNY].sort().at(-1)!;

    const teaching = post === '10' || post === '23' || post === '31';
    const support = post.startsWith('4');
    const titled = teaching || (support && random.chance(0.5));
    const young = age < 28;
    const r = random.next();
    return {
      GH: context.nextStaffNumber(),
      XM: personName(random, female ? 'woman' : 'man').name,
      XB: female ? '女' : '男',
      CSRQ: birthDate,
      SFZJLXM: '1',
      SFZJH: id,
      MZM: randomEthnicity(random),
      ZZMMM: young ? (r < 0.55 ? '03' : r < 0.65 ? '01' : '13') : (r < 0.45 ? '01' : r < 0.47 ? '02' : r < 0.5 ? '04' : '13'),
      CJGZNY: startedWork,
      CJNY: startedTeaching,
      LXNY: cameToSchool,
      BZLBM: school.row.XXBBM === '21' && random.chance(0.9) ? '2' : '9', // 2 事业编制, 9 无编制 (contract)
      JZGLBM: teaching ? (post === '31' ? '2' : '1') : support ? '3' : '4', // 专任教师, 行政, 教辅, 工勤
      GWLBM: post,
      XLM: education,
      ZC: titled ? teacherTitle(random, startedTeaching, schoolYear, secondary) : '',
      JSZGZZL: titled ? teacherCertificate(random, school.runningType.code) : '',
      YDDH: mobileNumber(random),
      DQZTM: age >= 60 ? '03' : teaching || !random.chance(0.03) ? '01' : '02',
      XXDM: school.row.XXDM,
    };
  });
  return { teachers, headTeachers: teachers.filter((t) => t.GWLBM === '23').map((t) => t.GH) };
}
