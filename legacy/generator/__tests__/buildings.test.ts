import type { BuildingRow } from '../../records';
import { countBy, demo, violations } from './demo';

const buildings = demo.buildings;
const schoolByCode = new Map(demo.schools.map((s) => [s.XXDM, s]));
const share = (rows: ReadonlyArray<BuildingRow>, predicate: (b: BuildingRow) => boolean) =>
  rows.filter(predicate).length / rows.length;

describe('buildings', () => {
  it('number 3–12 per school, each with a unique 建筑物编号 of its school', () => {
    const perSchool = countBy(buildings, (b) => b.学校标识码);
    expect(perSchool.size).toBe(demo.schools.length);
    expect(violations([...perSchool.values()], (n) => n >= 3 && n <= 12)).toEqual([]);
    expect(new Set(buildings.map((b) => b.建筑物编号)).size).toBe(buildings.length);
    expect(violations(buildings, (b) => new RegExp(`^${b.学校标识码}J\\d{2}$`).test(b.建筑物编号)
      && schoolByCode.get(b.学校标识码)?.XXMC === b.学校名称)).toEqual([]);
  });

  it('carry the design seismic intensity of their district', () => {
    expect(violations(buildings, (b) => b.设计抗震烈度
      === (['440114', '440117', '440118'].includes(schoolByCode.get(b.学校标识码)!.XZQHM) ? '6度' : '7度'))).toEqual([]);
  });

  it('have plausible areas, years, structures and leasing', () => {
    expect(violations(buildings, (b) => /^\d+\.\d{2}$/.test(b['建筑面积(平方米)']) && Number(b['建筑面积(平方米)']) > 0
      && Number(b.建筑年代) >= 1950 && Number(b.建筑年代) <= 2025)).toEqual([]);
    expect(share(buildings, (b) => b.结构类型 === '框架')).toBeGreaterThan(0.5);
    expect(share(buildings, (b) => b.是否租借 === '否')).toBeGreaterThan(0.8);
    expect(new Set(buildings.map((b) => b.用途)).size).toBeGreaterThan(2);
  });

  it('are mostly appraised A, with some B/C and at least one D (危房), older ones worse', () => {
    const grades = countBy(buildings, (b) => b.鉴定等级);
    expect(grades.get('A')! / buildings.length).toBeGreaterThan(0.5);
    expect(grades.get('B')).toBeGreaterThan(0);
    expect(grades.get('D')).toBeGreaterThan(0);
    const poor = (b: BuildingRow) => b.鉴定等级 === 'C' || b.鉴定等级 === 'D';
    const old = buildings.filter((b) => b.建筑年代 < '1990');
    const recent = buildings.filter((b) => b.建筑年代 >= '2005');
    if (old.length > 0) expect(share(old, poor)).toBeGreaterThan(share(recent, poor));
  });
});
