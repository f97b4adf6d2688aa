import type { BuildingRow } from '../../../legacy/records';
import { toBuilding } from '../mapper';
import { building } from './facility-fixture';

const valid = building('GZ-1', '2144060001', '天河第一小学', ' 教学楼 ', '框架', '教学及辅助用房', '3200.50', '2008', '7度', 'D', '是');

function problemsOf(overrides: Partial<Record<keyof BuildingRow, string>>): ReadonlyArray<string> {
  const mapped = toBuilding({ ...valid, ...overrides }, '440106', 2025);
  return mapped.ok ? [] : mapped.problems;
}

describe('facility mapper', () => {
  it('translates a row into the unified building', () => {
    expect(toBuilding(valid, '440106', 2025)).toEqual({
      ok: true,
      building: {
        id: 'GZ-1', schoolCode: '2144060001', districtCode: '440106', name: '教学楼', area: 3200.5,
        structure: 'FRAME', use: 'TEACHING', yearBuilt: 2008, seismicIntensity: { degree: 7, label: '7度（0.10g）' },
        appraisalGrade: 'D', leased: true,
      },
    });
  });

  it.each([
    ['结构类型', '钢结构', "unknown 结构类型 '钢结构'"],
    ['用途', '仓储', "unknown 用途 '仓储'"],
    ['鉴定等级', 'E', "unknown 鉴定等级 'E'"],
    ['设计抗震烈度', '8度', "unknown 设计抗震烈度 '8度'"],
    ['是否租借', 'Y', "unknown 是否租借 'Y'"],
    ['建筑面积(平方米)', '约300', "建筑面积(平方米) '约300' is not a positive number"],
    ['建筑面积(平方米)', '0', "建筑面积(平方米) '0' is not a positive number"],
    ['建筑年代', '20世纪', "建筑年代 '20世纪' is not a year between 1800 and 2025"],
    ['建筑年代', '2031', "建筑年代 '2031' is not a year between 1800 and 2025"],
    ['学校标识码', '123', "学校标识码 '123' is not a Guangzhou school code"],
    ['建筑物编号', ' ', 'empty 建筑物编号'],
  ] as const)('rejects %s = %s', (column, value, problem) => {
    expect(problemsOf({ [column]: value })).toEqual([problem]);
  });

  it('names every problem of a row at once', () => {
    expect(problemsOf({ 结构类型: '钢', 鉴定等级: '' })).toHaveLength(2);
  });

  it('labels 6度 with 0.05g (花都, 从化, 增城)', () => {
    const mapped = toBuilding({ ...valid, 设计抗震烈度: '6度', 是否租借: '否' }, '440114', 2025);
    expect(mapped.ok && mapped.building).toMatchObject({ seismicIntensity: { degree: 6, label: '6度（0.05g）' }, leased: false });
  });
});
