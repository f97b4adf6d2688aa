import type { StatisticDimension } from './dimensions';

/**
 * One definition of each indicator (教育统计口径, DOMAIN.md "Statistics"):
 * the Measures were written to end "统计口径不一致" (解读 一), so every part of
 * the pool counts with these predicates and answers with this text.
 */
export type StatisticName =
  | 'enrolledStudents' | 'fullTimeTeachers' | 'studentTeacherRatio' | 'classSizeBands'
  | 'buildingAreaPerStudent' | 'dangerousBuildingArea';

export interface StatisticDefinition {
  readonly name: StatisticName;
  readonly title: string;
  readonly definition: string;
  /** What a value counts or measures. */
  readonly unit: string;
  readonly dimensions: ReadonlyArray<StatisticDimension>;
  /** Counts of persons are perturbed (cell-key method); counts of classes or areas are not about persons. */
  readonly countsPersons: boolean;
  /** The catalog coordinate of the records behind a cell: record-level access to them gives exact figures. */
  readonly recordCoordinates: ReadonlyArray<string>;
}

const place: ReadonlyArray<StatisticDimension> = ['DISTRICT', 'RUNNING_TYPE', 'REFERENCE_DATE'];

export const statisticDefinitions: Readonly<Record<StatisticName, StatisticDefinition>> = Object.freeze({
  enrolledStudents: {
    name: 'enrolledStudents', title: '在校生数', unit: '人', countsPersons: true, recordCoordinates: ['Query.students'],
    definition: '参考日期学籍状态为“在校”（学生当前状态码 01）的学生数。 Students whose status is in school on the reference date.',
    dimensions: [...place, 'GRADE', 'GENDER', 'ETHNICITY'],
  },
  fullTimeTeachers: {
    name: 'fullTimeTeachers', title: '专任教师数', unit: '人', countsPersons: true, recordCoordinates: ['Query.teachers'],
    definition: '持有教师资格、岗位类别为教学岗（10 教师或 20–28 兼任管理的教师）且在职的教职工数。 Staff in post who hold a teacher qualification and whose post is teaching.',
    dimensions: [...place, 'GENDER', 'ETHNICITY'],
  },
  studentTeacherRatio: {
    name: 'studentTeacherRatio', title: '生师比', unit: 'x:1', countsPersons: false,
    recordCoordinates: ['Query.students', 'Query.teachers'],
    definition: '在校生数 ÷ 同一分组的专任教师数，表示为 x:1；两个计数均取本表读者所见的公布值（经扰动时即扰动后的值），无专任教师时为空。 In-school students ÷ full-time teachers of the same group, shown as x:1, computed from the published (for most readers perturbed) counts.',
    dimensions: place,
  },
  classSizeBands: {
    name: 'classSizeBands', title: '大班额与超大班额', unit: '个班', countsPersons: false, recordCoordinates: ['Query.students'],
    definition: '班额（班内在校生数）56–65 为大班额，66 及以上为超大班额；值为班级数。 Classes of 56–65 in-school students (large) and of 66 or more (oversized).',
    dimensions: [...place, 'GRADE', 'CLASS_SIZE_BAND'],
  },
  buildingAreaPerStudent: {
    name: 'buildingAreaPerStudent', title: '生均校舍建筑面积', unit: 'm²/人', countsPersons: false,
    recordCoordinates: ['Query.buildings', 'Query.students'],
    definition: '校舍建筑面积（不含租用）÷ 在校生数；在校生数取本表读者所见的公布值（经扰动时即扰动后的值）。 Building area (leased area excluded) ÷ in-school students, the published (for most readers perturbed) count.',
    dimensions: place,
  },
  dangerousBuildingArea: {
    name: 'dangerousBuildingArea', title: 'D级危房面积', unit: 'm²', countsPersons: false, recordCoordinates: ['Query.buildings'],
    definition: '鉴定等级为 D 级（危房）的校舍建筑面积。 Area of buildings appraised grade D (dangerous).',
    dimensions: place,
  },
});

/** 学生当前状态码 01 在校. */
export function isEnrolled(statusCode: string): boolean {
  return statusCode === '01';
}

/** 专任教师: a qualification (教师资格种类 1–7), a teaching post (10, or 20–28 with admin duty), in post (01). */
export function isFullTimeTeacher(teacher: { qualificationKind: string; post: string; status: string }): boolean {
  const post = Number(teacher.post);
  const teaching = post === 10 || (post >= 20 && post <= 28);
  return teacher.qualificationKind !== '' && teaching && teacher.status === '01';
}

export type ClassSizeBand = 'LARGE' | 'OVERSIZED';

/** 班额 56–65 大班额, ≥ 66 超大班额 (the bounds SQL uses too). */
export const LARGE_CLASS_MIN = 56;
export const OVERSIZED_CLASS_MIN = 66;

/** The band of a class of `size` in-school students; anything smaller is in neither. */
export function classSizeBand(size: number): ClassSizeBand | undefined {
  if (size >= OVERSIZED_CLASS_MIN) return 'OVERSIZED';
  if (size >= LARGE_CLASS_MIN) return 'LARGE';
  return undefined;
}

/** 生师比 as `x:1` with one decimal; undefined without teachers. */
export function formatRatio(students: number, teachers: number): string | undefined {
  return teachers === 0 ? undefined : `${(students / teachers).toFixed(1)}:1`;
}
