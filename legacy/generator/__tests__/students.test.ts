import {
  birthDateFitsGrade, divisionByCode, ethnicityByCode, gradeByCode, idNumberCheckCharacter, isValidIdNumber,
  sexOfIdNumber, studentStatuses,
} from '../../../policies/standards';
import type { StudentRow } from '../../records';
import { otherGuangdongDivisions, otherProvinceDivisions } from '../birth-divisions';
import { countBy, demo, demoStudents, MOBILE, SCHOOL_YEAR, violations } from './demo';

const students = demoStudents.map(({ student }) => student);
const schoolByCode = new Map(demo.schools.map((s) => [s.XXDM, s]));
const classByCode = new Map(demo.classes.map((c) => [c.BJDM, c]));
const share = (predicate: (s: StudentRow) => boolean) => students.filter(predicate).length / students.length;
const withId = students.filter((s) => s.SFZJLXM === '1');

describe('students', () => {
  it('with a resident ID carry a valid one matching sex, birth date and birthplace', () => {
    expect(violations(withId, (s) => isValidIdNumber(s.SFZJH) && sexOfIdNumber(s.SFZJH) === s.XBM
      && s.SFZJH.slice(6, 14) === s.CSRQ && s.SFZJH.slice(0, 6) === s.CSDM)).toEqual([]);
  });

  it('are born mostly in current Guangzhou districts, some elsewhere in Guangdong', () => {
    const division = (s: StudentRow) => s.SFZJH.slice(0, 6);
    const current = withId.filter((s) => divisionByCode(division(s))?.historical === false).length;
    expect(current / withId.length).toBeGreaterThan(0.75);
    expect(withId.some((s) => otherGuangdongDivisions.includes(division(s)))).toBe(true);
    expect(violations(withId, (s) => divisionByCode(division(s)) !== undefined
      || otherGuangdongDivisions.includes(division(s)) || otherProvinceDivisions.includes(division(s)))).toEqual([]);
  });

  it('without an ID (2–4%) have none; HK and Macau pupils hold a travel permit', () => {
    const withoutId = students.filter((s) => s.SFZJLXM === 'Z' || s.SFZJLXM === 'B');
    expect(withoutId.length / students.length).toBeGreaterThanOrEqual(0.02);
    expect(withoutId.length / students.length).toBeLessThanOrEqual(0.04);
    expect(violations(withoutId, (s) => s.SFZJH === '')).toEqual([]);
    const permits = students.filter((s) => s.SFZJLXM === '6' || s.SFZJLXM === '7');
    expect(violations(permits, (s) => (s.SFZJLXM === '6'
      ? /^H\d{8}$/.test(s.SFZJH) && s.GJDQM === 'HKG' && s.GATQWM === '11'
      : /^M\d{8}$/.test(s.SFZJH) && s.GJDQM === 'MAC' && s.GATQWM === '13'))).toEqual([]);
    expect(new Set(students.map((s) => s.SFZJLXM))).toEqual(new Set(['1', 'Z', 'B', '6', '7']));
  });

  it('have a birth date that fits their grade', () => {
    expect(violations(students, (s) => birthDateFitsGrade(s.CSRQ, s.NJ, SCHOOL_YEAR))).toEqual([]);
  });

  it('carry a 学籍号 in G, J or L form', () => {
    expect(violations(students, (s) => {
      const district = schoolByCode.get(s.XXDM)!.XZQHM;
      if (s.XJH.length !== 19) return false;
      if (s.XJH[0] === 'G') return s.XJH === `G${s.SFZJH}` && s.SFZJLXM === '1';
      if (s.XJH[0] === 'J') {
        return s.SFZJLXM !== '1' && s.XJH.slice(1, 7) === district && s.XJH.slice(7, 15) === s.CSRQ
          && s.XJH[18] === idNumberCheckCharacter(s.XJH.slice(1, 18)) && sexOfIdNumber(s.XJH.slice(1)) === s.XBM;
      }
      return s.XJH.startsWith(`L${district}${s.CSRQ}`) && /^L\d{18}$/.test(s.XJH);
    })).toEqual([]);
    const kinds = countBy(students, (s) => s.XJH[0]!);
    expect(kinds.get('G')! / students.length).toBeGreaterThan(0.9);
    expect(kinds.get('J')).toBeGreaterThan(0);
    expect(kinds.get('L')).toBeGreaterThan(0);
  });

  it('are unique by 学号, 学籍号 and ID number', () => {
    expect(new Set(students.map((s) => s.XH)).size).toBe(students.length);
    expect(new Set(students.map((s) => s.XJH)).size).toBe(students.length);
    expect(new Set(withId.map((s) => s.SFZJH)).size).toBe(withId.length);
    expect(violations(students, (s) => s.XH.length === 16 && s.XH.startsWith(s.XXDM) && /^\d+$/.test(s.XH))).toEqual([]);
  });

  it('have Chinese names with pinyin, sex codes 1/2, and mostly 汉族 with some minorities', () => {
    expect(violations(students, (s) => /^\p{Script=Han}{2,4}$/u.test(s.XM) && /^[A-Z]+ [A-Z']+$/.test(s.XMPY)
      && (s.XBM === '1' || s.XBM === '2') && ethnicityByCode(s.MZM) !== undefined)).toEqual([]);
    expect(share((s) => s.MZM === '01')).toBeGreaterThan(0.9);
    expect(new Set(students.map((s) => s.MZM)).size).toBeGreaterThan(3);
    expect(share((s) => s.XBM === '1')).toBeCloseTo(0.5, 1);
  });

  it('sit in a class of their school, entered in the year their grade implies', () => {
    expect(violations(students, (s) => {
      const c = classByCode.get(s.BJDM)!;
      const senior = gradeByCode(s.NJ)!.level === 'senior';
      return c.XXDM === s.XXDM && c.NJ === s.NJ && c.BH === s.BH
        && s.RXNY === `${SCHOOL_YEAR - Number(s.NJ[1]) + 1}09`
        && (senior ? ['21', '22', '23'] : ['11', '12']).includes(s.RXFSM)
        && (senior || s.ZZMMM === '13');
    })).toEqual([]);
    expect(students.find((s) => s.NJ === '13')?.RXNY).toBe('202409');
  });

  it('fill the remaining codes with plausible values', () => {
    expect(violations(students, (s) => ['CHN', 'HKG', 'MAC'].includes(s.GJDQM) && ['13', '03'].includes(s.ZZMMM)
      && ['10', '20', '30', '40', '50'].includes(s.JKZKM) && ['1', '2'].includes(s.JDFSM)
      && ['1', '2'].includes(s.HKXZM) && ['0', '1'].includes(s.SFDSZN) && ['0', '1', '2'].includes(s.SFLSET)
      && MOBILE.test(s.LXDH) && /^\d{6}$/.test(s.HKSZD) && /^广州市.+区.+号\d+栋\d+房$/.test(s.XZZ)
      && studentStatuses[s.XSDQZTM] !== undefined && (s.CJLXM === '') === (s.JKZKM !== '50'))).toEqual([]);
    expect(share((s) => s.GJDQM === 'CHN' && s.GATQWM === '00')).toBeGreaterThan(0.99);
    expect(share((s) => s.JKZKM === '10')).toBeGreaterThan(0.9);
    expect(share((s) => s.XSDQZTM === '01')).toBeGreaterThan(0.95);
    expect(new Set(students.map((s) => s.XSDQZTM))).toEqual(new Set(['01', '02', '03']));
    expect(students.some((s) => s.ZZMMM === '03')).toBe(true);
  });
});

describe('guardians', () => {
  const all = demoStudents.flatMap(({ student, guardians }) => guardians.map((g, i) => ({ student, g, i })));

  it('are one or two per student, at least one a legal guardian', () => {
    expect(violations(demoStudents, ({ guardians }) => guardians.length >= 1 && guardians.length <= 2
      && guardians.some((g) => g.SFJHR === '1'))).toEqual([]);
  });

  it('are adults born 1965–1995 with valid IDs matching their relation, phones and the student\'s address', () => {
    expect(violations(all, ({ student, g, i }) => {
      const born = Number(g.SFZJH.slice(6, 10));
      return g.XH === student.XH && g.CYXH === String(i + 1) && isValidIdNumber(g.SFZJH)
        && sexOfIdNumber(g.SFZJH) === (g.GXM === '51' || g.GXM === '61' ? '1' : '2')
        && born >= 1965 && born <= 1995 && MOBILE.test(g.LXDH) && g.JTZZ === student.XZZ && g.SFZJLXM === '1';
    })).toEqual([]);
  });

  it('are mostly father and mother, sometimes a grandparent; fathers share the surname', () => {
    const relations = countBy(all, ({ g }) => g.GXM);
    expect((relations.get('51')! + relations.get('52')!) / all.length).toBeGreaterThan(0.85);
    expect(relations.get('61')).toBeGreaterThan(0);
    expect(relations.get('62')).toBeGreaterThan(0);
    expect([...relations.keys()].filter((code) => !['51', '52', '61', '62'].includes(code))).toEqual([]);
    const fathers = all.filter(({ g }) => g.GXM === '51');
    expect(violations(fathers, ({ student, g }) => g.CYXM[0] === student.XM[0])).toEqual([]);
  });
});
