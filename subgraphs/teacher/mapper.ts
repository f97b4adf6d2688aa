import { z } from 'zod';
import type { TeacherRecord } from '../../legacy/records';
import {
  educationLevelByCode, ethnicityByCode, genderFromText, legacyTitleNames, politicalStatusByCode, postCategoryByCode,
  staffCategoryByCode, staffStatusByCode, teacherQualificationKindByCode, titleFromName,
  type CodeName, type Ethnicity, type Gender, type TitleRank,
} from '../../policies/standards';

export type { CodeName };

/**
 * Teacher HR record (legacy/records.ts TeacherRecord) → the unified Teacher.
 * Only this file knows the legacy shape: pinyin-initial keys, YYYYMMDD and
 * YYYYMM strings, sex as text, pre-2015 title names (DOMAIN.md "Teachers").
 */
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

const UNKNOWN_CODE = '未知代码';

/** '' (not recorded) → null; a code outside the table keeps its code, so nothing is lost. */
function codeName(code: string, byCode: (code: string) => CodeName | undefined): CodeName | null {
  return code === '' ? null : { code, name: byCode(code)?.name ?? UNKNOWN_CODE };
}

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
      politicalStatus: codeName(r.ZZMMM, politicalStatusByCode),
      startedWorkOn: isoMonth(r.CJGZNY),
      startedTeachingOn: isoMonth(r.CJNY),
      joinedSchoolOn: isoMonth(r.LXNY),
      // The 编制类别 (BZLBM), not the 教职工类别 (JZGLBM): the catalog's resource
      // GZJY-JS-001 lists "编制类别" among the fields it shares, and who counts
      // as 专任教师 is decided by post and qualification (DOMAIN.md
      // "Statistics"), not by JZGLBM.
      staffCategory: codeName(r.BZLBM, staffCategoryByCode),
      post: codeName(r.GWLBM, postCategoryByCode),
      education: codeName(r.XLM, educationLevelByCode),
      title: title(r.ZC),
      qualificationKind: codeName(r.JSZGZZL, teacherQualificationKindByCode),
      phone: r.YDDH || null,
      status: codeName(r.DQZTM, staffStatusByCode),
      school: { __typename: 'School', code: r.XXDM },
    },
  };
}
