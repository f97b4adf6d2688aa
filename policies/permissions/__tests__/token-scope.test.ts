import {
  ALL, BAIYUN, BAIYUN_PRIMARY, TIANHE, TIANHE_PRIMARY,
  GRANT_PURPOSE, expectDenied, expectGranted, expectRecord, grant, permissionsFor,
} from './harness';

describe('token resources: only the listed resources', () => {
  const city = { unit: '440100', token: { resources: ['GZJY-XS-001'] } };

  test('a listed resource keeps its access', () => {
    expectGranted(city, 'Student.name', { scope: ALL, grantIds: [] });
  });

  test.each(['Student.idNumber', 'Teacher.name', 'School.name', 'Statistics.enrolledStudents'])('%s → NOT_GRANTED', (coordinate) => {
    expectDenied(city, coordinate, 'NOT_GRANTED');
  });

  test('a NOT_SHARED field stays NOT_SHARED', () => {
    expectDenied(city, 'Student.healthStatus', 'NOT_SHARED');
  });

  test('an empty list narrows to nothing', () => {
    expectDenied({ unit: '440100', token: { resources: [] } }, 'Student.name', 'NOT_GRANTED');
  });
});

describe('application-scoped token: only that application\'s grants', () => {
  const names = grant({
    id: 'g-1', grantee: '440106', resource: 'GZJY-XS-001', coordinates: ['Student.name'], rowScope: ['440111'], applicationId: 'app-7',
  });
  const ids = grant({ id: 'g-2', grantee: '440106', resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], applicationId: 'app-8' });
  const setup = { unit: '440106', grants: [names, ids], token: { application: 'app-7', purpose: GRANT_PURPOSE } };

  test('the application\'s grant applies, the jurisdiction path is dropped', () => {
    expectGranted(setup, 'Student.name', { scope: BAIYUN, grantIds: ['g-1'] });
    expectRecord(setup, 'Student.name', BAIYUN_PRIMARY, { allowed: true, grantIds: ['g-1'] });
    expectRecord(setup, 'Student.name', TIANHE_PRIMARY, { allowed: false, code: 'OUT_OF_SCOPE' });
  });

  test.each(['Student.idNumber', 'Student.gender', 'Teacher.name'])('%s (other application or jurisdiction only) → NOT_GRANTED', (coordinate) => {
    expectDenied(setup, coordinate, 'NOT_GRANTED');
  });

  test('open data stays readable', () => {
    expectGranted(setup, 'School.name', { scope: ALL });
  });

  test('no path anywhere in the permissions comes from another application\'s grant', () => {
    const grantIds = Object.values(permissionsFor(setup).coordinates)
      .flatMap((permission) => (permission.allowed ? permission.paths.map((path) => path.grantId) : []))
      .filter((id) => id !== undefined);
    expect(new Set(grantIds)).toEqual(new Set(['g-1']));
  });
});

describe('declared purpose: a grant whose purpose is fixed serves only that purpose', () => {
  const checking = grant({
    id: 'g-1', grantee: 'GZGAJ', resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], rowScope: ['440106'], purpose: '入学资格核验',
  });
  const census = grant({
    id: 'g-2', grantee: 'GZGAJ', resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], rowScope: ['440111'], purpose: '户籍比对',
  });

  test.each([
    ['入学资格核验', TIANHE, ['g-1']],
    ['户籍比对', BAIYUN, ['g-2']],
  ])('purpose %s keeps only its grant', (purpose, scope, grantIds) => {
    expectGranted({ unit: 'GZGAJ', grants: [checking, census], token: { purpose } }, 'Student.idNumber', { scope, grantIds });
  });

  test.each([
    ['another purpose', { purpose: '其他' }],
    ['no purpose', {}],
  ])('%s → NOT_GRANTED naming the grants\' purposes', (_case, token) => {
    expectDenied({ unit: 'GZGAJ', grants: [checking, census], token }, 'Student.idNumber', 'NOT_GRANTED', {
      kind: 'PURPOSE', purposes: ['入学资格核验', '户籍比对'],
    });
  });

  test('a resource that does not require a purpose is read under its grant without one', () => {
    const classes = grant({ id: 'g-3', grantee: 'GZGAJ', resource: 'GZJY-XX-002', coordinates: ['Class.size'], purpose: '学位规划' });
    expectGranted({ unit: 'GZGAJ', grants: [classes], token: {} }, 'Class.size', { grantIds: ['g-3'] });
  });

  test('a fixed purpose outweighs an expiry in the refusal: declaring it is what the client can do now', () => {
    const expired = grant({ ...checking, id: 'g-0', validUntil: new Date('2026-02-01T00:00:00+08:00') });
    expectDenied({ unit: 'GZGAJ', grants: [expired, checking], token: {} }, 'Student.idNumber', 'NOT_GRANTED', {
      kind: 'PURPOSE', purposes: ['入学资格核验'],
    });
  });

  test('jurisdiction is unaffected by the purpose', () => {
    expectGranted({ unit: '440106', token: { purpose: '其他' } }, 'Student.idNumber', { scope: TIANHE, grantIds: [] });
  });
});
