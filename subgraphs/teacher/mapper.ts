import { z } from 'zod';
import type { TeacherRecord } from '../../legacy/records';
import {
  ethnicityByCode, genderFromText, legacyTitleNames, titleFromName,
  type Ethnicity, type Gender, type TitleRank,
} from '../../policies/standards';

/**
 * Teacher HR record (legacy/records.ts TeacherRecord) → the unified Teacher.
 * Only this file knows the legacy shape: pinyin-initial keys, YYYYMMDD and
 * YYYYMM strings, sex as text, pre-2015 title names (DOMAIN.md "Teachers").
 */
export interface CodeName {
  readonly code: string;
  readonly name: string;
}

export interface Title {
  readonly rank: TitleRank;
  /** The 2015 ladder name. */
  readonly name: string;
  /** The name as stored when it was a pre-2015 one, else null. */
  readonly legacyName: string | null;
}

export interface SchoolReference {
  readonly __typename: 'School';
  readonly code: string;
}

export interface Teacher {
  readonly id: string;
  readonly name: string;
  readonly gender: Gender;
  readonly birthDate: string | null;
  readonly idNumber: string | null;
  readonly ethnicity: Ethnicity | null;
  readonly politicalStatus: CodeName | null;
  readonly startedWorkOn: string | null;
  readonly startedTeachingOn: string | null;
  readonly joinedSchoolOn: string | null;
  readonly staffCategory: CodeName | null;
  readonly post: CodeName | null;
  readonly education: CodeName | null;
  readonly title: Title;
  readonly qualificationKind: CodeName | null;
  readonly phone: string | null;
  readonly status: CodeName | null;
  readonly school: SchoolReference;
}

/** GB/T 4762 政治面貌. */
const politicalStatuses: Readonly<Record<string, string>> = {
  '01': '中共党员', '02': '中共预备党员', '03': '共青团员', '04': '民革党员', '05': '民盟盟员',
  '06': '民建会员', '07': '民进会员', '08': '农工党党员', '09': '致公党党员', '10': '九三学社社员',
  '11': '台盟盟员', '12': '无党派人士', '13': '群众',
};

/**
 * 编制类别 (BZLBM). staffCategory is the 编制类别, not the 教职工类别 (JZGLBM):
 * the catalog's resource GZJY-JS-001 lists "编制类别" among the fields it
 * shares, and who counts as 专任教师 is decided by post and qualification
 * (DOMAIN.md "Statistics"), not by JZGLBM.
 */
const staffCategories: Readonly<Record<string, string>> = {
  '1': '行政编制', '2': '事业编制', '3': '企业编制', '9': '无编制',
};

/** 岗位类别 (DOMAIN.md): named codes first, then the name of the code's range. */
const posts: Readonly<Record<string, string>> = { '10': '专任教师', '23': '班主任', '31': '校级领导' };
const postRanges: ReadonlyArray<readonly [number, number, string]> = [
  [20, 28, '教师兼管理岗位'], [30, 34, '管理人员'], [40, 49, '教辅人员'], [60, 68, '工勤人员'],
];

/** 学历码 (DOMAIN.md). */
const educations: Readonly<Record<string, string>> = {
  '11': '博士', '14': '硕士', '21': '本科', '31': '专科', '41': '中专', '61': '高中', '90': '其他',
};

/** 教师资格种类 (DOMAIN.md). */
const qualificationKinds: Readonly<Record<string, string>> = {
  '1': '幼儿园教师资格', '2': '小学教师资格', '3': '初级中学教师资格', '4': '高级中学教师资格',
  '5': '中等职业学校教师资格', '6': '中等职业学校实习指导教师资格', '7': '高等学校教师资格',
};

/** 当前状态码. */
const statuses: Readonly<Record<string, string>> = { '01': '在职', '02': '离岗', '03': '退休' };

const UNKNOWN_CODE = '未知代码';

function postName(code: string): string {
  const named = posts[code];
  if (named) return named;
  const value = Number(code);
  return postRanges.find(([low, high]) => value >= low && value <= high)?.[2] ?? UNKNOWN_CODE;
}

/** '' (not recorded) → null; a code outside the table keeps its code, so nothing is lost. */
function codeName(code: string, name: (code: string) => string | undefined): CodeName | null {
  return code === '' ? null : { code, name: name(code) ?? UNKNOWN_CODE };
}

const lookUp = (table: Readonly<Record<string, string>>) => (code: string) => table[code];

const date = z.string().regex(/^(\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))?$/, 'YYYYMMDD or empty');
const month = z.string().regex(/^(\d{4}(0[1-9]|1[0-2]))?$/, 'YYYYMM or empty');

/** The boundary check: a record that fails it is reported, never half-mapped. */
const teacherRecordSchema = z.object({
  GH: z.string().min(1),
  XM: z.string().min(1),
  XB: z.string(),
  CSRQ: date,
  SFZJLXM: z.string(),
  SFZJH: z.string(),
  MZM: z.string(),
  ZZMMM: z.string(),
  CJGZNY: month,
  CJNY: month,
  LXNY: month,
  BZLBM: z.string(),
  JZGLBM: z.string(),
  GWLBM: z.string(),
  XLM: z.string(),
  ZC: z.string(),
  JSZGZZL: z.string(),
  YDDH: z.string(),
  DQZTM: z.string(),
  XXDM: z.string().regex(/^\d{10}$/, '10-digit 学校标识码'),
}) satisfies z.ZodType<TeacherRecord>;

const isoDate = (yyyymmdd: string) => (yyyymmdd ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6)}` : null);
const isoMonth = (yyyymm: string) => (yyyymm ? `${yyyymm.slice(0, 4)}-${yyyymm.slice(4)}` : null);

function title(stored: string): Title {
  const { rank, name } = titleFromName(stored);
  return { rank, name, legacyName: Object.prototype.hasOwnProperty.call(legacyTitleNames, stored) ? stored : null };
}

export type MappedRecord =
  | { readonly ok: true; readonly teacher: Teacher }
  | { readonly ok: false; readonly id: string | null; readonly problems: ReadonlyArray<string> };

/** Validates one raw record and maps it; never throws. */
export function mapTeacherRecord(raw: unknown): MappedRecord {
  const parsed = teacherRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const gh = (raw as { GH?: unknown } | null)?.GH;
    return {
      ok: false,
      id: typeof gh === 'string' ? gh : null,
      // Field names and rules only: the values are personal data and stay out of logs.
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`),
    };
  }
  const r = parsed.data;
  return {
    ok: true,
    teacher: {
      id: r.GH,
      name: r.XM,
      gender: genderFromText(r.XB),
      birthDate: isoDate(r.CSRQ),
      idNumber: r.SFZJH || null,
      ethnicity: ethnicityByCode(r.MZM) ?? null,
      politicalStatus: codeName(r.ZZMMM, lookUp(politicalStatuses)),
      startedWorkOn: isoMonth(r.CJGZNY),
      startedTeachingOn: isoMonth(r.CJNY),
      joinedSchoolOn: isoMonth(r.LXNY),
      staffCategory: codeName(r.BZLBM, lookUp(staffCategories)),
      post: codeName(r.GWLBM, postName),
      education: codeName(r.XLM, lookUp(educations)),
      title: title(r.ZC),
      qualificationKind: codeName(r.JSZGZZL, lookUp(qualificationKinds)),
      phone: r.YDDH || null,
      status: codeName(r.DQZTM, lookUp(statuses)),
      school: { __typename: 'School', code: r.XXDM },
    },
  };
}
