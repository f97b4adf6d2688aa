import type { ClassRow, GuardianRow, SchoolRow, StudentRow } from '../../legacy/records';
import {
  disabilityTypeByCode, divisionByCode, enrollmentMethodByCode, ethnicityByCode, familyRelationByCode, genderByCode,
  gradeByCode, healthStatusByCode, householdTypeByCode, idDocumentTypeByCode, ownershipTypes, politicalStatusByCode,
  runningTypeByCode, studentStatuses,
  type CodeName, type Ethnicity, type Gender, type StudentNumberKind, type StudentStatus,
} from '../../policies/standards';

export type { CodeName };

/**
 * Legacy student-DB rows → the unified schema's objects (DOMAIN.md): national
 * code tables, ISO 8601 dates, '' → null. The rest of the subgraph never sees
 * the pinyin-initial shape. Unknown codes are kept with an empty name rather
 * than dropped, so a client still sees what the legacy row holds.
 */
export interface UnifiedGrade { readonly code: string; readonly name: string; readonly level: 'PRIMARY' | 'JUNIOR' | 'SENIOR' }

export interface School {
  readonly code: string;
  readonly name: string;
  readonly address: string;
  readonly district: CodeName;
  readonly runningType: CodeName;
  readonly ownership: CodeName;
  readonly foundedOn: string | null;
  readonly principalName: string;
}

export interface Class {
  readonly id: string;
  readonly name: string;
  readonly grade: UnifiedGrade | null;
  readonly schoolCode: string;
  readonly headTeacherId: string | null;
}

export interface Student {
  readonly id: string;
  readonly studentNumber: string;
  readonly studentNumberKind: StudentNumberKind | null;
  readonly name: string;
  readonly namePinyin: string | null;
  readonly gender: Gender;
  readonly ethnicity: Ethnicity | null;
  readonly birthDate: string | null;
  readonly birthPlace: CodeName | null;
  readonly nativePlace: CodeName | null;
  readonly nationality: string | null;
  readonly idDocumentType: CodeName | null;
  readonly idNumber: string | null;
  readonly politicalStatus: CodeName | null;
  readonly healthStatus: CodeName | null;
  readonly disabilityType: CodeName | null;
  readonly grade: UnifiedGrade | null;
  readonly status: StudentStatus | null;
  readonly enrolledOn: string | null;
  readonly enrollmentMethod: CodeName | null;
  readonly boarding: boolean;
  readonly address: string | null;
  readonly householdRegistration: CodeName | null;
  readonly householdType: CodeName | null;
  readonly phone: string | null;
  readonly onlyChild: boolean;
  readonly leftBehind: boolean;
  readonly schoolCode: string;
  readonly classId: string | null;
}

export interface Guardian {
  readonly name: string;
  readonly relation: CodeName | null;
  readonly isGuardian: boolean;
  readonly idNumber: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  readonly homePhone: string | null;
}

/** '' (not recorded) → null; a code outside the table keeps its code with an empty name. */
function codeName(code: string, byCode: (code: string) => CodeName | undefined, alias = code): CodeName | null {
  if (code === '') return null;
  return { code, name: byCode(code)?.name ?? byCode(alias)?.name ?? '' };
}

function district(code: string): CodeName | null {
  return code === '' ? null : { code, name: divisionByCode(code)?.name ?? '' };
}

function grade(code: string): UnifiedGrade | null {
  const found = gradeByCode(code);
  return found ? { code: found.code, name: found.name, level: found.level.toUpperCase() as UnifiedGrade['level'] } : null;
}

function orNull(value: string): string | null {
  return value === '' ? null : value;
}

/** YYYYMMDD → YYYY-MM-DD; anything that is not a real calendar date → null. */
export function isoDate(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
}

/** YYYYMM → YYYY-MM. */
export function isoMonth(value: string): string | null {
  const match = /^(\d{4})(0[1-9]|1[0-2])$/.exec(value);
  return match ? `${match[1]}-${match[2]}` : null;
}

function studentNumberKind(xjh: string): StudentNumberKind | null {
  const first = xjh.charAt(0);
  return first === 'G' || first === 'J' || first === 'L' ? first : null;
}

export function toSchool(row: SchoolRow): School {
  return {
    code: row.XXDM,
    name: row.XXMC,
    address: row.XXDZ,
    district: district(row.XZQHM) ?? { code: '', name: '' },
    runningType: { code: row.XXBXLXM, name: runningTypeByCode(row.XXBXLXM)?.name ?? '' },
    ownership: { code: row.XXBBM, name: ownershipTypes[row.XXBBM] ?? '' },
    foundedOn: isoMonth(row.JXNY),
    principalName: row.XZXM,
  };
}

export function toClass(row: ClassRow): Class {
  return { id: row.BJDM, name: row.BJMC, grade: grade(row.NJ), schoolCode: row.XXDM, headTeacherId: orNull(row.BZRGH) };
}

export function toStudent(row: StudentRow): Student {
  return {
    id: row.XH,
    studentNumber: row.XJH,
    studentNumberKind: studentNumberKind(row.XJH),
    name: row.XM,
    namePinyin: orNull(row.XMPY),
    gender: genderByCode(row.XBM),
    ethnicity: ethnicityByCode(row.MZM) ?? null,
    birthDate: isoDate(row.CSRQ),
    birthPlace: district(row.CSDM),
    nativePlace: district(row.JG),
    nationality: orNull(row.GJDQM),
    idDocumentType: codeName(row.SFZJLXM, idDocumentTypeByCode),
    idNumber: orNull(row.SFZJH),
    politicalStatus: codeName(row.ZZMMM, politicalStatusByCode),
    healthStatus: codeName(row.JKZKM, healthStatusByCode),
    disabilityType: codeName(row.CJLXM, disabilityTypeByCode, row.CJLXM.replace(/^0/, '')),
    grade: grade(row.NJ),
    status: studentStatuses[row.XSDQZTM]?.value ?? null,
    enrolledOn: isoMonth(row.RXNY),
    enrollmentMethod: codeName(row.RXFSM, enrollmentMethodByCode),
    boarding: row.JDFSM === '2',
    address: orNull(row.XZZ),
    householdRegistration: district(row.HKSZD),
    householdType: codeName(row.HKXZM, householdTypeByCode, row.HKXZM.replace(/^(\d)0$/, '$1')),
    phone: orNull(row.LXDH),
    onlyChild: row.SFDSZN === '1',
    // 是否留守儿童 0 no, 1 one parent away, 2 both parents away.
    leftBehind: row.SFLSET !== '0' && row.SFLSET !== '',
    schoolCode: row.XXDM,
    classId: orNull(row.BJDM),
  };
}

export function toGuardian(row: GuardianRow): Guardian {
  return {
    name: row.CYXM,
    relation: codeName(row.GXM, familyRelationByCode),
    isGuardian: row.SFJHR === '1',
    idNumber: orNull(row.SFZJH),
    phone: orNull(row.LXDH),
    address: orNull(row.JTZZ),
    homePhone: orNull(row.JTDH),
  };
}
