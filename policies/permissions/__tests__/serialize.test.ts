import { accessForRecord } from '../lookups';
import { parsePermissions, serializePermissions } from '../serialize';
import { createUnitTree } from '../../unit-tree';
import { fixedUnits, schoolUnit } from '../../units';
import { effectivePermissions } from '../effective-permissions';
import { BAIYUN_PRIMARY, NOW, catalog, grant, permissionsFor } from './harness';

const perms = permissionsFor({
  unit: 'GZGAJ',
  grants: [grant({
    id: 'g-1', grantee: 'GZGAJ', resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], rowScope: ['440111'],
    masks: { 'Student.idNumber': ['ID_NUMBER_BIRTH_YEAR'] },
  })],
});
const wire = (): Record<string, unknown> => JSON.parse(JSON.stringify(serializePermissions(perms))) as Record<string, unknown>;

describe('serializePermissions / parsePermissions', () => {
  test('round trip through JSON gives equal permissions that answer the same', () => {
    const parsed = parsePermissions(wire());
    expect(parsed).toStrictEqual(perms);
    expect(accessForRecord(parsed, 'Student.idNumber', BAIYUN_PRIMARY))
      .toEqual({ allowed: true, mask: 'ID_NUMBER_BIRTH_YEAR', grantIds: ['g-1'] });
  });

  test('the in-memory shape, as JSON, parses to the same permissions', () => {
    expect(parsePermissions(JSON.parse(JSON.stringify(perms)))).toStrictEqual(perms);
  });

  test('a subset of the coordinates parses (per-subgraph permissions); the others are then denied', () => {
    const subset = { ...perms, coordinates: { 'Student.idNumber': perms.coordinates['Student.idNumber'] } };
    const parsed = parsePermissions(JSON.parse(JSON.stringify(subset)));
    expect(accessForRecord(parsed, 'Student.idNumber', BAIYUN_PRIMARY)).toMatchObject({ allowed: true });
    expect(accessForRecord(parsed, 'School.name', BAIYUN_PRIMARY)).toEqual({ allowed: false, code: 'NOT_GRANTED' });
  });

  test('the serialized form is small: each scope and each distinct permission once', () => {
    const wireForm = serializePermissions(permissionsFor({ unit: '440106' }));
    expect(Object.keys(wireForm.scopes)).toHaveLength(2);
    expect(wireForm.values.length).toBeLessThan(Object.keys(perms.coordinates).length / 4);
    expect(JSON.stringify(wireForm).length).toBeLessThan(3500);
  });

  test('a district of the city-sized data set (300 schools) stays far below a 16 KiB header once signed', () => {
    const schools = Array.from({ length: 300 }, (_, i) => schoolUnit(`2144${String(i).padStart(6, '0')}`, `示例学校${i}`, '440106'));
    const bigTree = createUnitTree([...fixedUnits, ...schools]);
    const big = effectivePermissions({ unit: '440106', unitTree: bigTree, catalog, grants: [], token: {}, now: NOW });
    expect(JSON.stringify(serializePermissions(big)).length).toBeLessThan(8 * 1024);
  });

  const broken: ReadonlyArray<[string, (w: Record<string, unknown>) => unknown, RegExp]> = [
    ['not an object', () => 'allowed', /do not parse/],
    ['no unit', (w) => ({ ...w, unit: undefined }), /unit/],
    ['an extra member', (w) => ({ ...w, admin: true }), /admin|unrecognized/i],
    ['another version', (w) => ({ ...w, v: 2 }), /v:/],
    ['an unknown mask', (w) => patchPath(w, { mask: 'NONE' }), /values\.\d+/],
    ['a path to an unknown scope', (w) => patchPath(w, { scope: 'nope' }), /unknown scope nope/],
    ['allowed with no path', (w) => patchValue(w, { allowed: true, resource: 'GZJY-XS-002', paths: [] }), /values\.\d+/],
    ['a refusal with an unknown code', (w) => patchValue(w, { allowed: false, resource: 'GZJY-XS-002', code: 'MAYBE' }), /values\.\d+/],
    ['a field pointing past the values', (w) => ({ ...w, fields: { ...(w.fields as object), Student: { name: 999 } } }), /fields\.Student\.name: no value #999/],
    ['a scope with a wrong shape', (w) => ({ ...w, scopes: { ...(w.scopes as object), all: { all: 'yes' } } }), /scopes\.all/],
  ];
  test.each(broken)('rejects %s', (_case, breakIt, message) => {
    expect(() => parsePermissions(breakIt(wire()))).toThrow(message);
  });

  const plain = (): Record<string, unknown> => JSON.parse(JSON.stringify(perms)) as Record<string, unknown>;
  const brokenPlain: ReadonlyArray<[string, (p: Record<string, unknown>) => unknown, RegExp]> = [
    ['null', () => null, /do not parse/],
    ['no coordinates', (p) => ({ ...p, coordinates: undefined }), /coordinates/],
    ['a path to an unknown scope', (p) => ({
      ...p, coordinates: { 'Student.name': { allowed: true, resource: 'GZJY-XS-001', paths: [{ scope: 'nope' }] } },
    }), /coordinates\.Student\.name\.paths\.0\.scope: unknown scope nope/],
    ['a refusal that allows', (p) => ({
      ...p, coordinates: { 'Student.name': { allowed: false, resource: 'GZJY-XS-001', code: 'NOT_GRANTED', paths: [{ scope: 'all' }] } },
    }), /coordinates\.Student\.name/],
  ];
  test.each(brokenPlain)('rejects in the in-memory shape: %s', (_case, breakIt, message) => {
    expect(() => parsePermissions(breakIt(plain()))).toThrow(message);
  });
});

/** Replaces the value Student.idNumber points to. */
function patchValue(w: Record<string, unknown>, permission: unknown): unknown {
  const index = (w.fields as Record<string, Record<string, number>>)['Student']!['idNumber']!;
  const values = [...(w.values as unknown[])];
  values[index] = permission;
  return { ...w, values };
}

function patchPath(w: Record<string, unknown>, change: object): unknown {
  const index = (w.fields as Record<string, Record<string, number>>)['Student']!['idNumber']!;
  const current = (w.values as Array<{ paths: object[] }>)[index]!;
  return patchValue(w, { ...current, paths: [{ ...current.paths[0], ...change }] });
}
