import { runningTypeByCode } from '../../../policies/standards';
import { countBy, demo, demoStudents } from './demo';

const schoolByCode = new Map(demo.schools.map((s) => [s.XXDM, s]));
const teacherByGh = new Map(demo.teachers.map((t) => [t.GH, t]));
const classSizes = countBy(demoStudents, ({ student }) => student.BJDM);

describe('classes', () => {
  it('are coded XXDM + NJ + BH, for the grades of the running type', () => {
    for (const c of demo.classes) {
      expect(c.BJDM).toBe(c.XXDM + c.NJ + c.BH);
      expect(c.BH).toMatch(/^\d{2}$/);
      expect(runningTypeByCode(schoolByCode.get(c.XXDM)!.XXBXLXM)!.grades).toContain(c.NJ);
    }
    expect(new Set(demo.classes.map((c) => c.BJDM)).size).toBe(demo.classes.length);
    for (const s of demo.schools) {
      const grades = new Set(demo.classes.filter((c) => c.XXDM === s.XXDM).map((c) => c.NJ));
      expect([...grades].sort()).toEqual([...runningTypeByCode(s.XXBXLXM)!.grades].sort());
    }
  });

  it('are named as schools name them', () => {
    const names = { '1': /^[一二三四五六]年级\(\d+\)班$/, '2': /^初[一二三]\(\d+\)班$/, '3': /^高[一二三]\(\d+\)班$/ };
    for (const c of demo.classes) {
      expect(c.BJMC).toMatch(names[c.NJ[0] as '1' | '2' | '3']);
      expect(c.BJMC).toContain(`(${Number(c.BH)})`);
    }
  });

  it('each have a head teacher (post 23) of their own school, heading no other class', () => {
    for (const c of demo.classes) {
      const head = teacherByGh.get(c.BZRGH);
      expect(head?.XXDM).toBe(c.XXDM);
      expect(head?.GWLBM).toBe('23');
    }
    expect(new Set(demo.classes.map((c) => c.BZRGH)).size).toBe(demo.classes.length);
  });

  it('hold students whose number makes realistic sizes, with some 大班额 and 超大班额', () => {
    const sizes = demo.classes.map((c) => classSizes.get(c.BJDM) ?? 0);
    expect(sizes.every((n) => n > 0)).toBe(true);
    const normal = sizes.filter((n) => n >= 35 && n <= 50).length;
    const large = sizes.filter((n) => n >= 56 && n <= 65).length;
    const oversized = sizes.filter((n) => n >= 66).length;
    expect(normal / sizes.length).toBeGreaterThan(0.75);
    expect(large).toBeGreaterThan(0);
    expect(large / sizes.length).toBeLessThan(0.1);
    expect(oversized).toBeGreaterThan(0);
    expect(oversized).toBeLessThan(large);
  });
});
