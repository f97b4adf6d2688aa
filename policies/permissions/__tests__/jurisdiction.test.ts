import { declaredCoordinates } from '../../coordinates';
import {
  ALL, BAIYUN_PRIMARY, TIANHE, TIANHE_JUNIOR, TIANHE_PRIMARY,
  expectDenied, expectGranted, expectRecord, permissionsFor,
} from './harness';

const city = '440100';
const tianhe = '440106';
const school = TIANHE_PRIMARY;
const institute = 'GZJYYJY';
const police = 'GZGAJ';

describe('every unit', () => {
  test.each(['440100', '440106', TIANHE_PRIMARY, 'GZJYYJY', 'GZGAJ'])('%s gets a permission for every declared coordinate', (unit) => {
    expect(Object.keys(permissionsFor({ unit }).coordinates)).toEqual([...declaredCoordinates].sort());
  });
});

describe('jurisdiction: education departments and schools read their own subtree unmasked', () => {
  test.each([
    ['city bureau', city, 'Student.idNumber', ALL],
    ['city bureau', city, 'Guardian.phone', ALL],
    ['district bureau', tianhe, 'Student.name', TIANHE],
    ['district bureau', tianhe, 'Teacher.title', TIANHE],
    ['district bureau', tianhe, 'Building.appraisalGrade', TIANHE],
    ['school', school, 'Student.name', { all: false, districts: [], schools: [TIANHE_PRIMARY] }],
  ])('%s %s: %s over its subtree', (_who, unit, coordinate, scope) => {
    expectGranted({ unit }, coordinate, { scope, mask: null, grantIds: [] });
  });

  test.each([
    ['city bureau, any school', city, BAIYUN_PRIMARY, { allowed: true, grantIds: [] }],
    ['district bureau, own district', tianhe, TIANHE_JUNIOR, { allowed: true, grantIds: [] }],
    ['district bureau, another district', tianhe, BAIYUN_PRIMARY, { allowed: false, code: 'NOT_GRANTED' }],
    ['school, itself', school, TIANHE_PRIMARY, { allowed: true, grantIds: [] }],
    ['school, a neighbour in its district', school, TIANHE_JUNIOR, { allowed: false, code: 'NOT_GRANTED' }],
    ['school, a school elsewhere', school, BAIYUN_PRIMARY, { allowed: false, code: 'NOT_GRANTED' }],
  ] as const)('record level: %s', (_case, unit, schoolCode, expected) => {
    expectRecord({ unit }, 'Student.name', schoolCode, expected);
  });

  test('the jurisdiction path carries no grant and no purpose', () => {
    expect(permissionsFor({ unit: tianhe }).coordinates['Student.name']).toEqual({
      allowed: true,
      resource: 'GZJY-XS-001',
      paths: [{ scope: expect.stringMatching(/^s[0-9a-z]+$/) }],
    });
  });

  test.each([
    ['research institute', institute, 'Student.name'],
    ['research institute', institute, 'Teacher.title'],
    ['partner department', police, 'Student.idNumber'],
    ['partner department', police, 'Building.area'],
  ])('%s %s gets nothing by jurisdiction: %s', (_who, unit, coordinate) => {
    expectDenied({ unit }, coordinate, 'NOT_GRANTED');
  });

  test('a unit the tree does not know gets only open data', () => {
    expectDenied({ unit: '2144019999' }, 'Student.name', 'NOT_GRANTED');
    expectGranted({ unit: '2144019999' }, 'School.name', { scope: ALL });
  });
});

describe('NOT_SHARED: refused to everyone, citing the legal basis', () => {
  test.each([
    ['city bureau', city, 'Student.healthStatus'],
    ['city bureau', city, 'Student.disabilityType'],
    ['district bureau', tianhe, 'Student.healthStatus'],
    ['school', school, 'Student.disabilityType'],
    ['partner department', police, 'Student.healthStatus'],
  ])('%s %s: %s', (_who, unit, coordinate) => {
    expectDenied({ unit }, coordinate, 'NOT_SHARED');
  });

  test('the refusal names GZJY-XS-006 and quotes PIPL article 28', () => {
    const refusal = permissionsFor({ unit: city }).coordinates['Student.healthStatus'];
    expect(refusal).toMatchObject({ allowed: false, resource: 'GZJY-XS-006', code: 'NOT_SHARED' });
    expect(refusal).toHaveProperty('legalBasis', expect.stringContaining('《中华人民共和国个人信息保护法》第二十八条'));
  });
});

describe('open data: every unit, every row, no application', () => {
  test.each([
    ['partner department', police, 'School.name'],
    ['partner department', police, 'Statistics.enrolledStudents'],
    ['research institute', institute, 'Query.schools'],
    ['school', school, 'School.address'],
    ['district bureau', tianhe, 'School.principalName'],
  ])('%s %s reads %s over all rows', (_who, unit, coordinate) => {
    expectGranted({ unit }, coordinate, { scope: ALL, mask: null, grantIds: [] });
  });

  test('a school reads the directory entry of a school in another district', () => {
    expectRecord({ unit: school }, 'School.name', BAIYUN_PRIMARY, { allowed: true, grantIds: [] });
  });
});
