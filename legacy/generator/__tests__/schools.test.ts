import { currentDistricts, isSchoolCode, runningTypeByCode } from '../../../policies/standards';
import { countBy, demo } from './demo';

describe('schools', () => {
  it('carry a valid 学校标识码 whose category matches the running type', () => {
    for (const s of demo.schools) {
      expect(isSchoolCode(s.XXDM)).toBe(true);
      expect(s.XXDM.slice(0, 2)).toBe(runningTypeByCode(s.XXBXLXM)?.category);
    }
    expect(new Set(demo.schools.map((s) => s.XXDM)).size).toBe(demo.schools.length);
  });

  it('cover every current district, with several in 天河 and 越秀', () => {
    const byDistrict = countBy(demo.schools, (s) => s.XZQHM);
    for (const d of currentDistricts) expect(byDistrict.get(d.code) ?? 0).toBeGreaterThan(0);
    expect(byDistrict.get('440106')).toBeGreaterThanOrEqual(2);
    expect(byDistrict.get('440104')).toBeGreaterThanOrEqual(2);
  });

  it('include each main running type', () => {
    const types = new Set(demo.schools.map((s) => s.XXBXLXM));
    expect(types).toContain('211');
    expect(types.has('311') || types.has('312')).toBe(true);
    expect(types.has('341') || types.has('342')).toBe(true);
    expect(types).toContain('345');
    expect(types).toContain('365');
    expect([...types].some((t) => t.startsWith('51'))).toBe(true);
  });

  it('are mostly public, some private', () => {
    const byOwnership = countBy(demo.schools, (s) => s.XXBBM);
    expect(byOwnership.get('21')!).toBeGreaterThan(demo.schools.length / 2);
    expect([...byOwnership.keys()].every((k) => k === '21' || k === '22')).toBe(true);
  });

  it('have unique Chinese names, an address in their district, a founding month and a principal', () => {
    expect(new Set(demo.schools.map((s) => s.XXMC)).size).toBe(demo.schools.length);
    for (const s of demo.schools) {
      const district = currentDistricts.find((d) => d.code === s.XZQHM)!;
      expect(s.XXMC).toMatch(/^广州市.+(学校|小学|中学|教学点)$/);
      expect(s.XXDZ.startsWith(`广州市${district.name}`)).toBe(true);
      expect(s.JXNY).toMatch(/^(19|20)\d{2}(0[1-9]|1[0-2])$/);
      expect(s.XZXM).toMatch(/^\p{Script=Han}{2,4}$/u);
    }
  });
});
