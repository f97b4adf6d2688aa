import {
  catalogResources,
  coordinatesCoverage,
  loadCatalog,
  loadDefaultCatalog,
  type CatalogResourceInput,
} from '../catalog';
import { declaredCoordinates } from '../coordinates';
import { fixedUnits } from '../units';
import { expectCatalogError, units } from './harness';

const catalog = loadDefaultCatalog(units);

describe('the shipped catalog', () => {
  test('loads against the declared schema and the units', () => {
    expect(catalog.resources.map((r) => r.code)).toEqual([
      'GZJY-XX-001', 'GZJY-XX-002',
      'GZJY-XS-001', 'GZJY-XS-002', 'GZJY-XS-003', 'GZJY-XS-004', 'GZJY-XS-005', 'GZJY-XS-006', 'GZJY-XS-007',
      'GZJY-JS-001', 'GZJY-JS-002', 'GZJY-JS-003', 'GZJY-JS-004',
      'GZJY-SS-001', 'GZJY-SS-002', 'GZJY-TJ-001',
      'GZJY-HY-001', 'GZJY-HY-002',
    ]);
  });

  test('covers every declared coordinate', () => {
    expect(coordinatesCoverage(catalog.resources, declaredCoordinates)).toEqual({ complete: true, uncovered: [] });
    for (const coordinate of declaredCoordinates) expect(catalog.resourceOf(coordinate)).toBeDefined();
  });

  test.each([
    ['Query.schools', 'GZJY-XX-001', 'UNCONDITIONAL'],
    ['Class.size', 'GZJY-XX-002', 'CONDITIONAL'],
    ['Class.students', 'GZJY-XS-001', 'CONDITIONAL'],
    ['Student.idNumber', 'GZJY-XS-002', 'CONDITIONAL'],
    ['Guardian.phone', 'GZJY-XS-004', 'CONDITIONAL'],
    ['Student.healthStatus', 'GZJY-XS-006', 'NOT_SHARED'],
    ['Student.leftBehind', 'GZJY-XS-007', 'CONDITIONAL'],
    ['Class.headTeacher', 'GZJY-JS-001', 'CONDITIONAL'],
    ['Teacher.title', 'GZJY-JS-003', 'UNCONDITIONAL'],
    ['Building.appraisalGrade', 'GZJY-SS-002', 'CONDITIONAL'],
    ['Statistics.studentTeacherRatio', 'GZJY-TJ-001', 'UNCONDITIONAL'],
  ])('%s is in %s (%s)', (coordinate, code, shareType) => {
    expect(catalog.resourceOf(coordinate)).toMatchObject({ code, shareType });
  });

  test('only the school directory and the statistics are open data', () => {
    expect(catalog.resources.filter((r) => r.open).map((r) => r.code)).toEqual(['GZJY-XX-001', 'GZJY-TJ-001']);
  });

  test('every not-shared resource cites the law', () => {
    const notShared = catalog.resources.filter((r) => r.shareType === 'NOT_SHARED');
    expect(notShared.map((r) => r.code)).toEqual(['GZJY-XS-006']);
    expect(notShared[0]?.legalBasis).toMatch(/《中华人民共和国个人信息保护法》第二十八条、第三十一条/);
  });

  test('fills in the defaults: 15 natural days, no conditions on unconditional resources', () => {
    expect(catalog.byCode('GZJY-XS-001')?.responseDeadline).toEqual({ days: 15, calendar: 'NATURAL' });
    expect(catalog.byCode('GZJY-JS-003')?.conditions).toEqual({
      rowScope: false, masks: {}, purposeRequired: false, maxValidityDays: 365,
    });
  });

  test('is frozen all the way down', () => {
    const identity = catalog.byCode('GZJY-XS-002');
    expect(Object.isFrozen(catalog.resources)).toBe(true);
    expect(Object.isFrozen(identity?.conditions.masks['Student.idNumber'])).toBe(true);
    expect(Object.isFrozen(catalogResources[0]?.coordinates)).toBe(true);
  });

  test('also loads against a plain set of unit codes', () => {
    const codes = new Set(fixedUnits.map((u) => u.code));
    expect(loadCatalog(catalogResources, { units: codes, knownCoordinates: declaredCoordinates }).resources).toHaveLength(18);
  });

  test('coverage names what a catalog leaves out', () => {
    const withoutGuardians = catalogResources.filter((r) => r.code !== 'GZJY-XS-004');
    expect(coordinatesCoverage(withoutGuardians, declaredCoordinates).uncovered).toEqual([
      'Student.guardians', 'Guardian.name', 'Guardian.relation', 'Guardian.isGuardian', 'Guardian.idNumber',
      'Guardian.phone', 'Guardian.address', 'Guardian.homePhone',
    ]);
  });
});

type Mutation = Parameters<typeof expectCatalogError>[0];
/** The masks of a resource that declares conditions. */
const masksOf = (r: CatalogResourceInput): Record<string, string[]> => {
  if (r.conditions === undefined) throw new Error(`test bug: ${r.code} has no conditions`);
  return r.conditions.masks;
};

describe('loadCatalog rejects', () => {
  test.each<[string, Mutation, RegExp]>([
    ['an unknown coordinate', (c) => c.get('GZJY-XS-002').coordinates.push('Student.idNumbr'), /^resource GZJY-XS-002: unknown coordinate Student\.idNumbr$/],
    ['a coordinate in two resources', (c) => c.get('GZJY-XS-002').coordinates.push('Student.name'), /^resource GZJY-XS-002: coordinate Student\.name is already in resource GZJY-XS-001$/],
    ['a coordinate listed twice', (c) => c.get('GZJY-XS-002').coordinates.push('Student.idNumber'), /^resource GZJY-XS-002: coordinate Student\.idNumber listed twice$/],
    ['a NOT_SHARED resource without a basis', (c) => { delete c.get('GZJY-XS-006').legalBasis; }, /^resource GZJY-XS-006: NOT_SHARED needs a legalBasis/],
    ['a NOT_SHARED resource with a blank basis', (c) => { c.get('GZJY-XS-006').legalBasis = ' '; }, /^resource GZJY-XS-006: NOT_SHARED needs a legalBasis/],
    ['a provider that is not a unit', (c) => { c.get('GZJY-JS-001').provider = '440199'; }, /^resource GZJY-JS-001: provider 440199 is not a unit$/],
    ['a mask on a coordinate the resource does not cover', (c) => { masksOf(c.get('GZJY-XS-002'))['Student.phone'] = ['PHONE']; }, /^resource GZJY-XS-002: mask on Student\.phone, which the resource does not cover$/],
    ['a duplicate catalog code', (c) => { c.get('GZJY-XS-003').code = 'GZJY-XS-002'; }, /^resource GZJY-XS-002: duplicate catalog code$/],
    ['an unknown share type', (c) => { (c.get('GZJY-XS-001') as { shareType: string }).shareType = 'SOMETIMES'; }, /^resource GZJY-XS-001: shareType: /],
    ['an unknown mask kind', (c) => { masksOf(c.get('GZJY-XS-002'))['Student.idNumber'] = ['HASH']; }, /^resource GZJY-XS-002: conditions\.masks\["Student\.idNumber"\]\[0\]: Invalid option/],
    ['a malformed catalog code', (c) => { c.get('GZJY-XS-001').code = 'XS-1'; }, /^resource XS-1: code: expected a catalog code like GZJY-XS-001$/],
    ['a misspelt field', (c) => { Object.assign(c.get('GZJY-XS-006'), { legalbasis: 'x' }); }, /^resource GZJY-XS-006: .*legalbasis/],
    ['a resource without coordinates', (c) => { c.get('GZJY-JS-004').coordinates = []; }, /^resource GZJY-JS-004: coordinates: /],
    ['something that is not a resource', (c) => { c.resources.unshift(null as unknown as CatalogResourceInput); }, /^resource #0: /],
    ['open data that is not unconditional', (c) => { c.get('GZJY-XS-001').open = true; }, /^resource GZJY-XS-001: open data must be UNCONDITIONAL$/],
    ['conditions on an unconditional resource', (c) => { c.get('GZJY-JS-003').conditions = { rowScope: true, masks: {}, purposeRequired: false, maxValidityDays: 365 }; }, /^resource GZJY-JS-003: only a CONDITIONAL resource may carry conditions, not UNCONDITIONAL$/],
  ])('%s', (_case, mutate, message) => {
    expectCatalogError(mutate, message);
  });
});
