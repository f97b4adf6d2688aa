/** 年级码 and the age a pupil of each grade has on 1 September of the school year. */
export interface Grade {
  readonly code: string;
  readonly name: string;
  readonly level: 'primary' | 'junior' | 'senior';
  /** Age on 1 September at the start of the school year; pupils may be one year older. */
  readonly entryAge: number;
}

export const grades: ReadonlyArray<Grade> = Object.freeze([
  { code: '11', name: '小学一年级', level: 'primary', entryAge: 6 },
  { code: '12', name: '小学二年级', level: 'primary', entryAge: 7 },
  { code: '13', name: '小学三年级', level: 'primary', entryAge: 8 },
  { code: '14', name: '小学四年级', level: 'primary', entryAge: 9 },
  { code: '15', name: '小学五年级', level: 'primary', entryAge: 10 },
  { code: '16', name: '小学六年级', level: 'primary', entryAge: 11 },
  { code: '21', name: '初中一年级', level: 'junior', entryAge: 12 },
  { code: '22', name: '初中二年级', level: 'junior', entryAge: 13 },
  { code: '23', name: '初中三年级', level: 'junior', entryAge: 14 },
  { code: '31', name: '高中一年级', level: 'senior', entryAge: 15 },
  { code: '32', name: '高中二年级', level: 'senior', entryAge: 16 },
  { code: '33', name: '高中三年级', level: 'senior', entryAge: 17 },
].map((g) => Object.freeze(g as Grade)));

const byCode = new Map(grades.map((g) => [g.code, g]));

export function gradeByCode(code: string): Grade | undefined {
  return byCode.get(code);
}

/**
 * Whether a birth date (YYYYMMDD) fits a grade in the school year starting on
 * 1 September of `schoolYear`: entry age or one year older (late starters, repeaters).
 */
export function birthDateFitsGrade(birthDate: string, gradeCode: string, schoolYear: number): boolean {
  const grade = gradeByCode(gradeCode);
  if (!grade) return false;
  const y = Number(birthDate.slice(0, 4));
  const md = birthDate.slice(4, 8);
  const ageOnSept1 = schoolYear - y - (md > '0901' ? 1 : 0);
  return ageOnSept1 === grade.entryAge || ageOnSept1 === grade.entryAge + 1;
}
