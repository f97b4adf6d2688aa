import { createUnitTree, effectivePermissions, fixedUnits, loadDefaultCatalog } from '../../../policies';
import { DEFAULT_PERTURBATION, perturbCount, statisticDefinitions, type CountCell, type StatisticDimension } from '../../../policies/statistics';
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

it('perturbs counts of persons for a reader without record-level access, and leaves out what it publishes as 0', () => {
  const cells: CountCell[] = [
    { key: { DISTRICT: '440103' }, value: 1, keySum: 17 }, { key: { DISTRICT: '440104' }, value: 40, keySum: 300 }, { key: { DISTRICT: '440105' }, value: 50, keySum: 1000 },
  ];
  const p = DEFAULT_PERTURBATION;
  const open = countTable(source('GZTJJ', ['DISTRICT']), cells);
  expect(open).toMatchObject({ perturbed: true, additive: false, perturbation: p });
  expect(open.note).toMatch(/可能不等于其各单元格之和/);
  // A single person is always published as 0, and a cell published as 0 is not listed, like an empty combination.
  expect(open.cells.map((c) => [c.dimensions[0]!.code, c.value])).toEqual([['440104', perturbCount(40, 300, p)], ['440105', perturbCount(50, 1000, p)]]);
  expect(open.totals).toEqual([{ dimensions: [], value: perturbCount(91, 1317, p) }]);
  const city = countTable(source('440100', ['DISTRICT']), cells);
  expect(city).toMatchObject({ perturbed: false, additive: true, perturbation: null });
  expect(city.cells.map((c) => c.value)).toEqual([1, 40, 50]);
  expect(city.updateCycle).toBe(catalog.resourceOf('Query.students')!.updateCycle);
});

it('gives a district bureau its own district exactly and the others perturbed', () => {
  const cells: CountCell[] = [{ key: { DISTRICT: '440106' }, value: 2, keySum: 5 }, { key: { DISTRICT: '440103' }, value: 1, keySum: 9 }];
  const table = countTable(source('440106', ['DISTRICT']), cells);
  expect(table.perturbed).toBe(true);
  expect(table.cells.map((c) => [c.dimensions[0]!.code, c.value])).toEqual([['440106', 2]]);
});

it('says a table is perturbed by who reads it, not by what it holds: an empty answer gives no zero away', () => {
  expect(countTable(source('anonymous', ['DISTRICT']), [])).toMatchObject({ perturbed: true, cells: [], totals: [] });
  expect(countTable(source('440106', ['DISTRICT'], '440106'), [])).toMatchObject({ perturbed: false });
});

it('refuses to publish a count of persons without record keys to a reader who gets perturbed figures', () => {
  expect(() => countTable(source('anonymous', ['DISTRICT']), [{ key: { DISTRICT: '440103' }, value: 7 }])).toThrow(/record keys/);
});

it('refuses a table of more than 20,000 cells as BAD_USER_INPUT', () => {
  const cells = Array.from({ length: 20_001 }, (_, i): CountCell => ({ key: { ETHNICITY: String(i) }, value: 1 }));
  expect(() => countTable(source('440100', ['ETHNICITY']), cells)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
});
