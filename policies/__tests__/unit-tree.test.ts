import { createUnitTree } from '../unit-tree';
import { fixedUnits, schoolUnit, type Unit } from '../units';
import { expectUnitsError, tianheSchool, units, zengchengSchool } from './harness';

describe('fixed units', () => {
  test.each([
    ['440100', '广州市教育局', 'CITY_BUREAU', undefined],
    ['440103', '荔湾区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440104', '越秀区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440105', '海珠区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440106', '天河区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440111', '白云区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440112', '黄埔区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440113', '番禺区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440114', '花都区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440115', '南沙区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440117', '从化区教育局', 'DISTRICT_BUREAU', '440100'],
    ['440118', '增城区教育局', 'DISTRICT_BUREAU', '440100'],
    ['GZJYYJY', '广州市教育研究院', 'SUPPORT_AGENCY', '440100'],
    ['GZGAJ', '广州市公安局', 'PARTNER_DEPARTMENT', undefined],
    ['GZWJW', '广州市卫生健康委员会', 'PARTNER_DEPARTMENT', undefined],
    ['GZMZJ', '广州市民政局', 'PARTNER_DEPARTMENT', undefined],
    ['GZRSJ', '广州市人力资源和社会保障局', 'PARTNER_DEPARTMENT', undefined],
    ['GZTJJ', '广州市统计局', 'PARTNER_DEPARTMENT', undefined],
  ])('%s is %s (%s, parent %s)', (code, name, type, parent) => {
    expect(units.get(code)).toEqual({ code, name, type, ...(parent ? { parent } : {}) });
  });

  test('are exactly the city bureau, 11 district bureaus, the institute and 5 partners', () => {
    expect(fixedUnits).toHaveLength(18);
    expect(createUnitTree(fixedUnits).all()).toHaveLength(18);
  });
});

describe('unit tree', () => {
  test('a school sits under its district bureau', () => {
    expect(units.get('2144010001')).toEqual({ code: '2144010001', name: '广州市天河区示例小学', type: 'SCHOOL', parent: '440106' });
    expect(units.children('440106')).toEqual([tianheSchool]);
    expect(units.children('440100').map((u) => u.code)).toHaveLength(12);
    expect(units.children('2144010001')).toEqual([]);
  });

  test.each([
    ['2144010001', '440106', true],
    ['2144010001', '440100', true],
    ['2144010001', '2144010001', true],
    ['2144010001', '440118', false],
    ['3144020002', '440118', true],
    ['440106', '440100', true],
    ['440100', '440106', false],
    ['GZJYYJY', '440100', true],
    ['GZGAJ', '440100', false],
    ['9999', '440100', false],
  ])('isWithin(%s, %s) is %s', (code, ancestor, expected) => {
    expect(units.isWithin(code, ancestor)).toBe(expected);
  });

  test.each([
    ['2144010001', '440106'],
    ['3144020002', '440118'],
    ['440106', '440100'],
    ['GZJYYJY', '440100'],
    ['440100', undefined],
    ['GZGAJ', undefined],
    ['9999', undefined],
  ])('superiorEducationDepartment(%s) is %s', (code, expected) => {
    expect(units.superiorEducationDepartment(code)?.code).toBe(expected);
  });

  test('is frozen', () => {
    expect(Object.isFrozen(units)).toBe(true);
    expect(Object.isFrozen(units.all())).toBe(true);
    expect(Object.isFrozen(units.get('440106'))).toBe(true);
    expect(units.has(zengchengSchool.code)).toBe(true);
  });
});

const agency = (code: string, parent: string): Unit => ({ code, name: '某机构', type: 'SUPPORT_AGENCY', parent });

describe('createUnitTree rejects', () => {
  test.each<[string, Unit[], RegExp]>([
    ['a school code from another province', [schoolUnit('2145000001', '外省学校', '440106')], /unit 2145000001: not a Guangzhou 学校标识码/],
    ['a school code of the wrong length', [schoolUnit('214400001', '短码学校', '440106')], /unit 214400001: not a Guangzhou 学校标识码/],
    ['an unknown parent', [schoolUnit('2144000001', '学校', '440199')], /^unit 2144000001: parent 440199 is not a unit$/],
    ['a school under the city bureau', [schoolUnit('2144000001', '市属学校', '440100')], /unit 2144000001: parent 440100 is a CITY_BUREAU; a SCHOOL's parent must be a DISTRICT_BUREAU/],
    ['a duplicate school', [tianheSchool, tianheSchool], /^unit 2144010001: duplicate code$/],
    ['a duplicate bureau', [{ code: '440106', name: '天河区教育局', type: 'DISTRICT_BUREAU', parent: '440100' }], /^unit 440106: duplicate code$/],
    ['a district bureau without a parent', [{ code: '440199', name: '某区教育局', type: 'DISTRICT_BUREAU' }], /unit 440199: a DISTRICT_BUREAU needs a parent \(CITY_BUREAU\)/],
    ['a partner department with a parent', [{ code: 'GZJTJ', name: '广州市交通运输局', type: 'PARTNER_DEPARTMENT', parent: '440100' }], /unit GZJTJ: a PARTNER_DEPARTMENT has no parent/],
    ['a cycle', [agency('A', 'B'), agency('B', 'A')], /unit A: parent B is a SUPPORT_AGENCY/],
    ['an empty name', [schoolUnit('2144000001', ' ', '440106')], /unit 2144000001: name is empty/],
  ])('%s', (_case, extra, message) => {
    expectUnitsError(extra, message);
  });
});
