import { createUnitTree, effectivePermissions, fixedUnits, loadDefaultCatalog } from '../../../policies';
import { statisticDefinitions, type CountCell, type StatisticDimension } from '../../../policies/statistics';
import { countTable, recordLevelAccess, type TableSource } from '../statistic-table';

const unitTree = createUnitTree(fixedUnits);
const catalog = loadDefaultCatalog(unitTree);
const permissionsOf = (unit: string) => effectivePermissions({ unit, unitTree, catalog, grants: [], token: {}, now: new Date() });

function source(unit: string, groupBy: StatisticDimension[], district?: string): TableSource {
  return {
    definition: statisticDefinitions.enrolledStudents, request: { filter: district ? { district } : {}, groupBy }, groupBy,
    permissions: permissionsOf(unit), asOf: new Date('2026-09-01T00:00:00Z'), cycleOf: 'Query.students',
  };
}

it.each([
  ['the city bureau, any cell', '440100', { GRADE: '11' }, undefined, true],
  ['a district bureau, its own district', '440106', { DISTRICT: '440106' }, undefined, true],
  ['a district bureau, its district named by the filter', '440106', { GRADE: '11' }, '440106', true],
  ['a district bureau, another district', '440106', { DISTRICT: '440103' }, undefined, false],
  ['a district bureau, the city total', '440106', {}, undefined, false],
  ['a partner department', 'GZTJJ', { DISTRICT: '440106' }, undefined, false],
  ['the anonymous role', 'anonymous', { DISTRICT: '440106' }, undefined, false],
])('record-level access: %s', (_case, unit, key, district, expected) => {
  expect(recordLevelAccess(source(unit, ['DISTRICT', 'GRADE'], district))(key)).toBe(expected);
});

it('marks the threshold only where something may be withheld, and withholds small cells', () => {
  const cells: CountCell[] = [{ key: { DISTRICT: '440103' }, value: 3 }, { key: { DISTRICT: '440104' }, value: 40 }, { key: { DISTRICT: '440105' }, value: 50 }];
  const open = countTable(source('GZTJJ', ['DISTRICT']), cells);
  expect(open.suppressionThreshold).toBe(5);
  expect(open.cells.filter((c) => c.suppressed).map((c) => c.dimensions[0]!.name)).toEqual(['荔湾区', '越秀区']);
  expect(open.totals).toEqual([{ dimensions: [], value: 93, suppressed: false }]);
  const city = countTable(source('440100', ['DISTRICT']), cells);
  expect(city.suppressionThreshold).toBeNull();
  expect(city.updateCycle).toBe(catalog.resourceOf('Query.students')!.updateCycle);
});

it('refuses a table of more than 20,000 cells as BAD_USER_INPUT', () => {
  const cells = Array.from({ length: 20_001 }, (_, i): CountCell => ({ key: { ETHNICITY: String(i) }, value: 1 }));
  expect(() => countTable(source('440100', ['ETHNICITY']), cells)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
});
