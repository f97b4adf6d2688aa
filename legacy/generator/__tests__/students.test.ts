import {
  birthDateFitsGrade, divisionByCode, ethnicityByCode, gradeByCode, idNumberCheckCharacter, isValidIdNumber,
  sexOfIdNumber, studentStatuses,
} from '../../../policies/standards';
import { otherGuangdongDivisions, otherProvinceDivisions } from '../birth-divisions';
import { countBy, demo, demoStudents, MOBILE, SCHOOL_YEAR } from './demo';

const students = demoStudents.map(({ student }) => student);
const schoolByCode = new Map(demo.schools.map((s) => [s.XXDM, s]));
const classByCode = new Map(demo.classes.map((c) => [c.BJDM, c]));
const share = (predicate: (s: (typeof students)[number]) => boolean) => students.filter(predicate).length / students.length;

describe('students', () => {
  it('with a resident ID carry a valid one matching sex and birth date', () => {
    for (const s of students.filter((s) => s.SFZJLXM === '1')) {
      expect(isValidIdNumber(s.SFZJH)).toBe(true);
      expect(sexOfIdNumber(s.SFZJH)).toBe(s.XBM);
      expect(s.SFZJH.slice(6, 14)).toBe(s.CSRQ);
      expect(s.CSDM).toBe(s.SFZJH.slice(0, 6));
    }
  });

  it('are born mostly in current Guangzhou districts, some elsewhere in Guangdong', () => {
    const withId = students.filter((s) => s.SFZJLXM === '1');
    const division = (s: (typeof students)[number]) => s.SFZJH.slice(0, 6);
    const current = withId.filter((s) => divisionByCode(division(s))?.historical === false).length;
    expect(current / withId.length).toBeGreaterThan(0.75);
    expect(withId.some((s) => otherGuangdongDivisions.includes(division(s)))).toBe(true);
    for (const s of withId) {
      const code = division(s);
      expect(divisionByCode(code) || otherGuangdongDivisions.includes(code) || otherProvinceDivisions.includes(code))
        .toBeTruthy();
    }
  });

  it('without an ID (2–4%) have none; HK and Macau pupils hold a travel permit', () => {
    const withoutId = students.filter((s) => s.SFZJLXM === 'Z' || s.SFZJLXM === 'B');
    expect(withoutId.length / students.length).toBeGreaterThanOrEqual(0.02);
    expect(withoutId.length / students.length).toBeLessThanOrEqual(0.04);
    for (const s of withoutId) expect(s.SFZJH).toBe('');
    for (const s of students.filter((s) => s.SFZJLXM === '6' || s.SFZJLXM === '7')) {
      expect(s.SFZJH).toMatch(s.SFZJLXM === '6' ? /^H\d{8}$/ : /^M\d{8}$/);
      expect(s.GJDQM).toBe(s.SFZJLXM === '6' ? 'HKG' : 'MAC');
    }
    expect(new Set(students.map((s) => s.SFZJLXM))).toEqual(new Set(['1', 'Z', 'B', '6', '7']));
  });

  it('have a birth date that fits their grade', () => {
    for (const s of students) expect(birthDateFitsGrade(s.CSRQ, s.NJ, SCHOOL_YEAR)).toBe(true);
  });

  it('carry a 学籍号 in G, J or L form', () => {
    for (const s of students) {
      const district = schoolByCode.get(s.XXDM)!.XZQHM;
      expect(s.XJH).toHaveLength(19);
      if (s.XJH[0] === 'G') {
        expect(s.XJH).toBe(`G${s.SFZJH}`);
      } else if (s.XJH[0] === 'J') {
        expect(s.SFZJLXM).not.toBe('1');
        expect(s.XJH.slice(1, 7)).toBe(district);
        expect(s.XJH.slice(7, 15)).toBe(s.CSRQ);
        expect(s.XJH[18]).toBe(idNumberCheckCharacter(s.XJH.slice(1, 18)));
        expect(sexOfIdNumber(s.XJH.slice(1))).toBe(s.XBM);
      } else {
        expect(s.XJH).toMatch(new RegExp(`^L${district}${s.CSRQ}\\d{4}$`));
      }
    }
    const kinds = countBy(students, (s) => s.XJH[0]!);
    expect(kinds.get('G')! / students.length).toBeGreaterThan(0.9);
    expect(kinds.get('J')).toBeGreaterThan(0);
    expect(kinds.get('L')).toBeGreaterThan(0);
  });

  it('are unique by 学号, 学籍号 and ID number', () => {
    expect(new Set(students.map((s) => s.XH)).size).toBe(students.length);
    expect(new Set(students.map((s) => s.XJH)).size).toBe(students.length);
    const ids = students.filter((s) => s.SFZJLXM === '1').map((s) => s.SFZJH);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of students) expect(s.XH).toMatch(new RegExp(`^${s.XXDM}\\d{6}$`));
  });

  it('have Chinese names with pinyin, sex codes 1/2, and mostly 汉族 with some minorities', () => {
    for (const s of students) {
      expect(s.XM).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(s.XMPY).toMatch(/^[A-Z]+ [A-Z']+$/);
      expect(['1', '2']).toContain(s.XBM);
      expect(ethnicityByCode(s.MZM)).toBeDefined();
    }
    expect(share((s) => s.MZM === '01')).toBeGreaterThan(0.9);
    expect(new Set(students.map((s) => s.MZM)).size).toBeGreaterThan(3);
  });

  it('sit in a class of their school, entered in the year their grade implies', () => {
    for (const s of students) {
      const c = classByCode.get(s.BJDM)!;
      expect([c.XXDM, c.NJ, c.BH]).toEqual([s.XXDM, s.NJ, s.BH]);
      expect(s.RXNY).toBe(`${SCHOOL_YEAR - Number(s.NJ[1]) + 1}09`);
      const senior = gradeByCode(s.NJ)!.level === 'senior';
      expect(senior ? ['21', '22', '23'] : ['11', '12']).toContain(s.RXFSM);
      if (!senior) expect(s.ZZMMM).not.toBe('03');
    }
    expect(students.find((s) => s.NJ === '13')?.RXNY).toBe('202409');
  });

  it('fill the remaining codes with plausible values', () => {
    for (const s of students) {
      expect(['CHN', 'HKG', 'MAC']).toContain(s.GJDQM);
      expect(['13', '03']).toContain(s.ZZMMM);
      expect(['10', '20', '30', '40', '50']).toContain(s.JKZKM);
      expect(['1', '2']).toContain(s.JDFSM);
      expect(['1', '2']).toContain(s.HKXZM);
      expect(['0', '1']).toContain(s.SFDSZN);
      expect(['0', '1', '2']).toContain(s.SFLSET);
      expect(s.LXDH).toMatch(MOBILE);
      expect(s.HKSZD).toMatch(/^\d{6}$/);
      expect(s.XZZ).toMatch(/^广州市.+区.+号\d+栋\d+房$/);
      expect(studentStatuses[s.XSDQZTM]).toBeDefined();
      expect(s.CJLXM === '').toBe(s.JKZKM !== '50');
    }
    expect(share((s) => s.GJDQM === 'CHN' && s.GATQWM === '00')).toBeGreaterThan(0.99);
    expect(share((s) => s.JKZKM === '10')).toBeGreaterThan(0.9);
    expect(share((s) => s.XSDQZTM === '01')).toBeGreaterThan(0.95);
    expect(new Set(students.map((s) => s.XSDQZTM))).toEqual(new Set(['01', '02', '03']));
    expect(students.some((s) => s.ZZMMM === '03')).toBe(true);
  });
});

describe('guardians', () => {
  it('are one or two adults per student with valid IDs, phones and the student\'s address', () => {
    for (const { student, guardians } of demoStudents) {
      expect(guardians.length).toBeGreaterThanOrEqual(1);
      expect(guardians.length).toBeLessThanOrEqual(2);
      expect(guardians.some((g) => g.SFJHR === '1')).toBe(true);
      guardians.forEach((g, i) => {
        expect(g.XH).toBe(student.XH);
        expect(g.CYXH).toBe(String(i + 1));
        expect(isValidIdNumber(g.SFZJH)).toBe(true);
        expect(sexOfIdNumber(g.SFZJH)).toBe(g.GXM === '11' || g.GXM === '51' ? '1' : '2');
        const born = Number(g.SFZJH.slice(6, 10));
        expect(born).toBeGreaterThanOrEqual(1965);
        expect(born).toBeLessThanOrEqual(1995);
        expect(g.LXDH).toMatch(MOBILE);
        expect(g.JTZZ).toBe(student.XZZ);
        if (g.GXM === '11') expect(g.CYXM.startsWith(student.XM.slice(0, g.CYXM.length > 3 ? 2 : 1))).toBe(true);
      });
    }
    const relations = countBy(demoStudents.flatMap(({ guardians }) => guardians), (g) => g.GXM);
    expect(relations.get('11')! + relations.get('12')!).toBeGreaterThan(0.85 * [...relations.values()].reduce((a, b) => a + b));
    expect(relations.get('51')).toBeGreaterThan(0);
  });
});
