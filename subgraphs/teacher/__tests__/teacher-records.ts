import type { TeacherRecord } from '../../../legacy/records';

/**
 * Hand-made teacher HR records for the tests, independent of the generator:
 * plausible values in the legacy shape (sex as text, YYYYMMDD, pre-2015 titles).
 */
export function teacherRecord(overrides: Partial<TeacherRecord> = {}): TeacherRecord {
  return {
    GH: 'T000001', XM: '陈老师', XB: '女', CSRQ: '19850312', SFZJLXM: '1', SFZJH: '440106198503120026',
    MZM: '01', ZZMMM: '01', CJGZNY: '200709', CJNY: '200709', LXNY: '201208', BZLBM: '2', JZGLBM: '1',
    GWLBM: '23', XLM: '21', ZC: '小学高级教师', JSZGZZL: '2', YDDH: '13800138000', DQZTM: '01', XXDM: '2144000001',
    ...overrides,
  };
}

const TITLES = ['中学高级教师', '一级教师', '小学一级教师', '', '高级教师'];

/** `count` staff of one school, numbered `<prefix>0001` on. */
export function schoolStaff(schoolCode: string, prefix: string, count: number): TeacherRecord[] {
  return Array.from({ length: count }, (_, i) => teacherRecord({
    GH: `${prefix}${String(i + 1).padStart(4, '0')}`,
    XM: `教师${prefix}${i + 1}`,
    XB: i % 3 === 0 ? '男' : '女',
    ZC: TITLES[i % TITLES.length]!,
    JSZGZZL: i % 7 === 0 ? '' : '2',
    XXDM: schoolCode,
  }));
}
