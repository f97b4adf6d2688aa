import {
  divisionByCode, ethnicityByCode, genderFromText, isValidIdNumber, legacyTitleNames, sexOfIdNumber, titleFromName,
  titleLadder,
} from '../../../policies/standards';
import type { TeacherRecord } from '../../records';
import { countBy, demo, demoStudents, MOBILE, violations } from './demo';

const teachers = demo.teachers;
const share = (predicate: (t: TeacherRecord) => boolean) => teachers.filter(predicate).length / teachers.length;
const addYears = (yyyymm: string, years: number) => String(Number(yyyymm.slice(0, 4)) + years) + yyyymm.slice(4, 6);

describe('teachers', () => {
  it('have unique 工号 and valid, unique ID numbers matching sex and birth date', () => {
    expect(new Set(teachers.map((t) => t.GH)).size).toBe(teachers.length);
    expect(new Set(teachers.map((t) => t.SFZJH)).size).toBe(teachers.length);
    expect(violations(teachers, (t) => /^T\d{7}$/.test(t.GH) && t.SFZJLXM === '1' && isValidIdNumber(t.SFZJH)
      && sexOfIdNumber(t.SFZJH) === genderFromText(t.XB).code && t.SFZJH.slice(6, 14) === t.CSRQ)).toEqual([]);
  });

  it('were born 1962–2001, and older ones often carry historical division codes', () => {
    expect(violations(teachers, (t) => t.CSRQ >= '19620101' && t.CSRQ <= '20011231')).toEqual([]);
    const older = teachers.filter((t) => t.CSRQ < '19850101');
    const historical = older.filter((t) => divisionByCode(t.SFZJH.slice(0, 6))?.historical);
    expect(historical.length / older.length).toBeGreaterThan(0.05);
    expect(new Set(historical.map((t) => t.SFZJH.slice(0, 6))).size).toBeGreaterThan(2);
  });

  it('hold titles from the 2015 ladder and, for part of the staff, the pre-2015 names', () => {
    const current = new Set(titleLadder.map((t) => t.name));
    expect(violations(teachers, (t) => t.ZC === '' || current.has(t.ZC) || t.ZC in legacyTitleNames)).toEqual([]);
    expect(violations(teachers.filter((t) => t.ZC !== ''), (t) => titleFromName(t.ZC).rank !== 'NONE')).toEqual([]);
    expect(share((t) => current.has(t.ZC))).toBeGreaterThan(0.5);
    expect(share((t) => t.ZC in legacyTitleNames)).toBeGreaterThan(0.1);
    expect(teachers.some((t) => t.ZC.startsWith('中学')) && teachers.some((t) => t.ZC.startsWith('小学'))).toBe(true);
  });

  it('hold posts: mostly teaching, a head teacher per class, leaders, support and logistics', () => {
    const posts = countBy(teachers, (t) => t.GWLBM.startsWith('4') || t.GWLBM.startsWith('6') ? t.GWLBM[0]! : t.GWLBM);
    expect(posts.get('10')! / teachers.length).toBeGreaterThan(0.5);
    expect(posts.get('23')).toBeGreaterThanOrEqual(demo.classes.length);
    expect(posts.get('31')).toBeGreaterThanOrEqual(demo.schools.length);
    expect(posts.get('4')).toBeGreaterThan(0);
    expect(posts.get('6')).toBeGreaterThan(0);
    expect([...posts.keys()].sort()).toEqual(['10', '23', '31', '4', '6']);
  });

  it('teach with a qualification 1–7; some non-teaching staff have none', () => {
    const teaching = teachers.filter((t) => ['10', '23', '31'].includes(t.GWLBM));
    expect(violations(teaching, (t) => /^[1-7]$/.test(t.JSZGZZL))).toEqual([]);
    expect(violations(teachers, (t) => /^[1-7]?$/.test(t.JSZGZZL))).toEqual([]);
    expect(teachers.some((t) => t.JSZGZZL === '')).toBe(true);
  });

  it('started work after 20, teaching after that and came to the school last', () => {
    expect(violations(teachers, (t) => t.CJGZNY >= addYears(t.CSRQ.slice(0, 6), 20) && t.CJNY >= t.CJGZNY
      && t.LXNY >= t.CJNY && t.LXNY <= '202609' && /^\d{6}$/.test(t.LXNY))).toEqual([]);
  });

  it('fill the remaining fields with plausible codes', () => {
    const schools = new Set(demo.schools.map((s) => s.XXDM));
    expect(violations(teachers, (t) => schools.has(t.XXDM) && MOBILE.test(t.YDDH)
      && ['11', '14', '21', '31', '41', '61', '90'].includes(t.XLM) && ethnicityByCode(t.MZM) !== undefined
      && ['01', '02', '03'].includes(t.DQZTM) && /^\p{Script=Han}{2,4}$/u.test(t.XM) && /^\d{2}$/.test(t.ZZMMM)
      && /^\d$/.test(t.BZLBM) && /^\d$/.test(t.JZGLBM))).toEqual([]);
    expect(share((t) => t.DQZTM === '01')).toBeGreaterThan(0.9);
    expect(share((t) => t.XB === '女')).toBeGreaterThan(0.5);
  });

  it('number about one per 12.5 students in each school', () => {
    const students = countBy(demoStudents, ({ student }) => student.XXDM);
    const staff = countBy(teachers, (t) => t.XXDM);
    for (const school of demo.schools.filter((s) => !s.XXBXLXM.startsWith('51') && s.XXBXLXM !== '218')) {
      const ratio = students.get(school.XXDM)! / staff.get(school.XXDM)!;
      expect(ratio).toBeGreaterThan(9);
      expect(ratio).toBeLessThan(14);
    }
  });
});
