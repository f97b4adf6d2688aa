import type { ClassRow, GuardianRow, SchoolRow, StudentRow } from '../../legacy/records';
import {
  divisionByCode, ethnicityByCode, genderByCode, gradeByCode, ownershipTypes, runningTypeByCode, studentStatuses,
  type Ethnicity, type Gender, type StudentNumberKind, type StudentStatus,
} from '../../policies/standards';

/**
 * Legacy student-DB rows → the unified schema's objects (DOMAIN.md): national
 * code tables, ISO 8601 dates, '' → null. The rest of the subgraph never sees
 * the pinyin-initial shape. Unknown codes are kept with an empty name rather
 * than dropped, so a client still sees what the legacy row holds.
 */
export interface CodeName { readonly code: string; readonly name: string }
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

/** 身份证件类型码 (DOMAIN.md "ID document type"). */
const idDocumentTypes: Readonly<Record<string, string>> = {
  '1': '居民身份证', '6': '港澳居民来往内地通行证', '7': '澳门居民来往内地通行证', '8': '台湾居民来往大陆通行证',
  '9': '境外永久居住证', A: '护照', B: '户口簿', Z: '其他',
};
/** 政治面貌码 GB/T 4762; students are mostly 13 群众 or 03 共青团员. */
const politicalStatuses: Readonly<Record<string, string>> = {
  '01': '中共党员', '02': '中共预备党员', '03': '共青团员', '12': '无党派人士', '13': '群众',
};
/** 健康状况码 (sensitive personal information, DOMAIN.md). */
const healthStatuses: Readonly<Record<string, string>> = {
  '10': '健康或良好', '20': '一般或较弱', '30': '有慢性病', '40': '有生理缺陷', '50': '残疾',
};
/** 残疾类型码 of the national student form. */
const disabilityTypes: Readonly<Record<string, string>> = {
  '1': '视力残疾', '2': '听力残疾', '3': '言语残疾', '4': '肢体残疾', '5': '智力残疾', '6': '精神残疾', '7': '多重残疾', '9': '其他残疾',
};
/** 入学方式码 (DOMAIN.md "Student status"). */
const enrollmentMethods: Readonly<Record<string, string>> = {
  '11': '就近入学', '12': '其他', '21': '统一招生考试', '22': '体育特长招生', '23': '艺术特长招生',
};
/** 户口性质 GA 324.1; the 学籍 system also writes it with a trailing 0 (10, 20 …). */
const householdTypes: Readonly<Record<string, string>> = {
  '0': '未落常住户口', '1': '非农业家庭户口', '2': '农业家庭户口', '3': '非农业集体户口', '4': '农业集体户口',
  '5': '自理口粮户口', '6': '寄住户口', '7': '暂住户口', '8': '其他户口',
};
/** 家庭成员关系码 as the 学籍 system uses it. */
const relations: Readonly<Record<string, string>> = {
  '11': '父亲', '12': '母亲', '51': '祖父', '52': '祖母', '53': '外祖父', '54': '外祖母', '97': '其他亲属',
};

function codeName(code: string, table: Readonly<Record<string, string>>, alias = code): CodeName | null {
  if (code === '') return null;
  return { code, name: table[code] ?? table[alias] ?? '' };
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
    idDocumentType: codeName(row.SFZJLXM, idDocumentTypes),
    idNumber: orNull(row.SFZJH),
    politicalStatus: codeName(row.ZZMMM, politicalStatuses),
    healthStatus: codeName(row.JKZKM, healthStatuses),
    disabilityType: codeName(row.CJLXM, disabilityTypes, row.CJLXM.replace(/^0/, '')),
    grade: grade(row.NJ),
    status: studentStatuses[row.XSDQZTM]?.value ?? null,
    enrolledOn: isoMonth(row.RXNY),
    enrollmentMethod: codeName(row.RXFSM, enrollmentMethods),
    boarding: row.JDFSM === '2',
    address: orNull(row.XZZ),
    householdRegistration: district(row.HKSZD),
    householdType: codeName(row.HKXZM, householdTypes, row.HKXZM.replace(/^(\d)0$/, '$1')),
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
    relation: codeName(row.GXM, relations),
    isGuardian: row.SFJHR === '1',
    idNumber: orNull(row.SFZJH),
    phone: orNull(row.LXDH),
    address: orNull(row.JTZZ),
    homePhone: orNull(row.JTDH),
  };
}
