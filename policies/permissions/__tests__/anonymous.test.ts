import { createUnitTree, fixedUnits, loadDefaultCatalog } from '../..';
import { ANONYMOUS_UNIT, anonymousMayRead } from '../anonymous';
import { effectivePermissions } from '../effective-permissions';

const catalog = loadDefaultCatalog(createUnitTree(fixedUnits));

it.each([
  ['Query', 'schools', true],
  ['School', 'name', true],
  ['Query', 'statistics', true],
  ['Statistics', 'enrolledStudents', true],
  ['Statistics', 'query', true],
  ['StatisticTable', 'cells', true],
  ['Query', '__typename', true],
  ['Query', 'students', false],
  ['School', 'classes', false],
  ['Student', 'name', false],
  ['Query', 'myAccess', false],
  ['Mutation', 'applyForShare', false],
  ['Query', '__schema', false],
])('anonymous may read %s.%s: %s', (typeName, fieldName, expected) => {
  expect(anonymousMayRead(catalog, typeName, fieldName)).toBe(expected);
});

it('the anonymous unit\'s effective permissions are the open resources over all rows, and NOT_GRANTED elsewhere', () => {
  const permissions = effectivePermissions({ unit: ANONYMOUS_UNIT, unitTree: createUnitTree(fixedUnits), catalog, grants: [], token: {}, now: new Date() });
  const allowed = Object.entries(permissions.coordinates).filter(([, p]) => p.allowed).map(([c]) => catalog.resourceOf(c)!.code);
  expect(new Set(allowed)).toEqual(new Set(catalog.resources.filter((r) => r.open).map((r) => r.code)));
  expect(Object.values(permissions.scopes)).toEqual([{ all: true }]);
  expect(permissions.coordinates['Query.students']).toMatchObject({ allowed: false, code: 'NOT_GRANTED' });
});
