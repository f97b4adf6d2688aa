import { accessForRecord, isAllowed, permissionOf, rowScopeOf } from '../lookups';
import { inRowScope, unionScope } from '../row-scope';
import type { RowScope } from '../types';
import { ALL, BAIYUN, BAIYUN_PRIMARY, TIANHE, TIANHE_JUNIOR, TIANHE_PRIMARY, grant, permissionsFor } from './harness';

const ONE_SCHOOL: RowScope = { all: false, districts: [], schools: [TIANHE_JUNIOR] };
const NOTHING: RowScope = { all: false, districts: [], schools: [] };

describe('inRowScope', () => {
  test.each([
    ['all', ALL, BAIYUN_PRIMARY, true],
    ['a district, its school', TIANHE, TIANHE_JUNIOR, true],
    ['a district, a school elsewhere', TIANHE, BAIYUN_PRIMARY, false],
    ['one school, itself', ONE_SCHOOL, TIANHE_JUNIOR, true],
    ['one school, its neighbour', ONE_SCHOOL, TIANHE_PRIMARY, false],
    ['nothing', NOTHING, TIANHE_PRIMARY, false],
  ])('%s', (_case, scope, school, expected) => {
    expect(inRowScope(scope, school)).toBe(expected);
  });
});

describe('unionScope', () => {
  test.each([
    ['all wins (left)', ALL, TIANHE, ALL],
    ['all wins (right)', BAIYUN, ALL, ALL],
    ['two districts', BAIYUN, TIANHE, { all: false, districts: ['440106', '440111'], schools: [TIANHE_PRIMARY, TIANHE_JUNIOR, BAIYUN_PRIMARY].sort() }],
    ['a school already in the district', TIANHE, ONE_SCHOOL, TIANHE],
    ['nothing is the identity', NOTHING, ONE_SCHOOL, ONE_SCHOOL],
  ])('%s', (_case, a, b, expected) => {
    expect(unionScope(a, b)).toEqual(expected);
    expect(unionScope(b, a)).toEqual(expected);
  });
});

describe('look-ups on a permissions object', () => {
  const perms = permissionsFor({ unit: '440106' });

  test('an undeclared coordinate is denied', () => {
    expect(permissionOf(perms, 'Student.secret')).toBeUndefined();
    expect(permissionOf(perms, 'constructor')).toBeUndefined();
    expect(isAllowed(perms, 'Student.secret')).toBe(false);
    expect(rowScopeOf(perms, 'Student.secret')).toBeUndefined();
    expect(accessForRecord(perms, 'Student.secret', TIANHE_PRIMARY)).toEqual({ allowed: false, code: 'NOT_GRANTED' });
  });

  test.each([
    ['Student.name', true],
    ['Student.healthStatus', false],
  ])('isAllowed(%s) = %s', (coordinate, expected) => {
    expect(isAllowed(perms, coordinate)).toBe(expected);
  });

  test('the row scope is worked out once per coordinate', () => {
    expect(rowScopeOf(perms, 'Student.name')).toBe(rowScopeOf(perms, 'Student.name'));
  });
});

describe('scopes are stored once, under stable ids', () => {
  test('a district bureau: its district and "all" (open data), shared by every coordinate', () => {
    const perms = permissionsFor({ unit: '440106' });
    const ids = Object.keys(perms.scopes);
    expect(ids).toHaveLength(2);
    expect(perms.scopes['all']).toEqual(ALL);
    const district = ids.find((id) => id !== 'all')!;
    expect(district).toMatch(/^s[0-9a-z]+$/);
    expect(perms.scopes[district]).toEqual(TIANHE);
    expect(perms.coordinates['Student.name']).toEqual({ allowed: true, resource: 'GZJY-XS-001', paths: [{ scope: district }] });
    expect(perms.coordinates['Teacher.name']).toEqual({ allowed: true, resource: 'GZJY-JS-001', paths: [{ scope: district }] });
  });

  test('the same scope has the same id for another unit', () => {
    const bureau = permissionsFor({ unit: '440106' });
    const police = permissionsFor({
      unit: 'GZGAJ',
      grants: [grant({ id: 'g-1', grantee: 'GZGAJ', resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], rowScope: ['440106'] })],
    });
    expect(Object.keys(police.scopes).sort()).toEqual(Object.keys(bureau.scopes).sort());
  });

  test('a city bureau needs the one scope "all"', () => {
    expect(permissionsFor({ unit: '440100' }).scopes).toEqual({ all: ALL });
  });

  test('a grant repeated in the input gives one path', () => {
    const g = grant({ id: 'g-1', grantee: 'GZGAJ', resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'] });
    expect(permissionsFor({ unit: 'GZGAJ', grants: [g, { ...g }] }).coordinates['Student.idNumber'])
      .toEqual({ allowed: true, resource: 'GZJY-XS-002', paths: [{ scope: 'all', grantId: 'g-1', purpose: g.purpose }] });
  });

  test('the result is frozen', () => {
    const perms = permissionsFor({ unit: '440106' });
    expect(Object.isFrozen(perms.coordinates['Student.name'])).toBe(true);
    expect(Object.isFrozen(perms.scopes)).toBe(true);
  });
});
