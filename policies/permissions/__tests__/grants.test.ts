import type { Grant, NotGrantedReason } from '../types';
import {
  ALL, BAIYUN, BAIYUN_PRIMARY, NOW, TIANHE, TIANHE_JUNIOR, TIANHE_PRIMARY,
  expectDenied, expectGranted, expectRecord, grant, permissionsFor,
} from './harness';

const police = 'GZGAJ';

/** 公安局 may check students' ID numbers in 天河区, cut to region and check character. */
const idCheck = grant({
  id: 'g-1',
  grantee: police,
  resource: 'GZJY-XS-002',
  coordinates: ['Student.idNumber'],
  rowScope: ['440106'],
  masks: { 'Student.idNumber': ['ID_NUMBER_REGION_AND_CHECK'] },
});

describe('partner department (公安局) and a grant', () => {
  test('without a grant: NOT_GRANTED on Student.idNumber, naming GZJY-XS-002', () => {
    expect(permissionsFor({ unit: police }).coordinates['Student.idNumber']).toEqual({
      allowed: false, resource: 'GZJY-XS-002', code: 'NOT_GRANTED',
    });
  });

  test('with the grant: its scope, its mask, its id and purpose', () => {
    const perms = expectGranted({ unit: police, grants: [idCheck] }, 'Student.idNumber', {
      scope: TIANHE, mask: 'ID_NUMBER_REGION_AND_CHECK', grantIds: ['g-1'],
    });
    const [path] = perms.coordinates['Student.idNumber']!.allowed ? perms.coordinates['Student.idNumber']!.paths : [];
    expect(path).toEqual({ scope: expect.any(String), mask: 'ID_NUMBER_REGION_AND_CHECK', grantId: 'g-1', purpose: '入学资格核验' });
    expect(perms.scopes[path!.scope]).toEqual(TIANHE);
  });

  test.each([
    ['a record in 天河区', TIANHE_PRIMARY, { allowed: true, mask: 'ID_NUMBER_REGION_AND_CHECK', grantIds: ['g-1'] }],
    ['a record in 白云区', BAIYUN_PRIMARY, { allowed: false, code: 'OUT_OF_SCOPE' }],
  ] as const)('%s', (_case, schoolCode, expected) => {
    expectRecord({ unit: police, grants: [idCheck] }, 'Student.idNumber', schoolCode, expected);
  });

  test.each(['Student.studentNumber', 'Student.name'])('a field the grant does not name stays NOT_GRANTED: %s', (coordinate) => {
    expectDenied({ unit: police, grants: [idCheck] }, coordinate, 'NOT_GRANTED');
  });

  test('a grant naming a field of another resource gives nothing', () => {
    const stray = grant({ id: 'g-2', grantee: police, resource: 'GZJY-XS-002', coordinates: ['Student.name'] });
    expectDenied({ unit: police, grants: [stray] }, 'Student.name', 'NOT_GRANTED');
  });

  test("another unit's grant gives nothing", () => {
    expectDenied({ unit: 'GZMZJ', grants: [idCheck] }, 'Student.idNumber', 'NOT_GRANTED');
  });

  test('a grant on a NOT_SHARED resource does not open it', () => {
    const health = grant({ id: 'g-3', grantee: police, resource: 'GZJY-XS-006', coordinates: ['Student.healthStatus'] });
    expectDenied({ unit: police, grants: [health] }, 'Student.healthStatus', 'NOT_SHARED');
  });
});

describe('validity: from validFrom (inclusive) to validUntil (exclusive), until revoked', () => {
  test.each<[string, Partial<Grant>, NotGrantedReason | undefined]>([
    ['expired', { validUntil: new Date('2026-02-01T00:00:00+08:00') }, { kind: 'EXPIRED', expiredAt: '2026-01-31T16:00:00.000Z' }],
    ['ending exactly now', { validUntil: NOW }, { kind: 'EXPIRED', expiredAt: NOW.toISOString() }],
    ['not yet valid', { validFrom: new Date('2026-04-01T00:00:00+08:00') }, undefined],
    ['revoked', { revokedAt: new Date('2026-02-15T09:00:00+08:00') }, undefined],
    ['revoked exactly now', { revokedAt: NOW }, undefined],
  ])('%s → NOT_GRANTED', (_case, change, reason) => {
    expectDenied({ unit: police, grants: [{ ...idCheck, ...change }] }, 'Student.idNumber', 'NOT_GRANTED', reason);
  });

  test('the latest end is named when several grants of the field expired', () => {
    const earlier = { ...idCheck, id: 'g-e1', validUntil: new Date('2026-01-01T00:00:00+08:00') };
    const later = { ...idCheck, id: 'g-e2', validUntil: new Date('2026-02-01T00:00:00+08:00') };
    expectDenied({ unit: police, grants: [later, earlier] }, 'Student.idNumber', 'NOT_GRANTED', { kind: 'EXPIRED', expiredAt: '2026-01-31T16:00:00.000Z' });
  });

  test.each([
    ['starting exactly now', { validFrom: NOW }],
    ['revocation recorded for later', { revokedAt: new Date('2026-05-01T00:00:00+08:00') }],
  ])('%s → granted', (_case, change) => {
    expectGranted({ unit: police, grants: [{ ...idCheck, ...change }] }, 'Student.idNumber', { grantIds: ['g-1'] });
  });
});

describe('row scope of a grant, by unit code', () => {
  test.each([
    ['empty: every record', [], ALL],
    ['the city bureau: every record', ['440100'], ALL],
    ['a district', ['440111'], BAIYUN],
    ['a school', [TIANHE_JUNIOR], { all: false, districts: [], schools: [TIANHE_JUNIOR] }],
    ['a district and a school elsewhere', [BAIYUN_PRIMARY, '440106'], { all: false, districts: ['440106'], schools: [TIANHE_PRIMARY, TIANHE_JUNIOR, BAIYUN_PRIMARY].sort() }],
    ['a partner department is ignored', ['440106', 'GZWJW'], TIANHE],
    ['only units without records: no record', ['GZWJW', 'GZJYYJY'], { all: false, districts: [], schools: [] }],
    ['an unknown code is ignored', ['440106', '2144019999'], TIANHE],
  ])('%s', (_case, rowScope, scope) => {
    expectGranted({ unit: police, grants: [{ ...idCheck, rowScope }] }, 'Student.idNumber', { scope });
  });

  test('a grant reaching no record leaves every record OUT_OF_SCOPE', () => {
    const nowhere = { ...idCheck, rowScope: ['GZWJW'] };
    expectRecord({ unit: police, grants: [nowhere] }, 'Student.idNumber', TIANHE_PRIMARY, { allowed: false, code: 'OUT_OF_SCOPE' });
  });
});

describe('masks combine to the most restrictive, whatever the order', () => {
  const birthYear = grant({
    id: 'g-a', grantee: police, resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'],
    rowScope: ['440106'], masks: { 'Student.idNumber': ['ID_NUMBER_BIRTH_YEAR'] },
  });
  const regionAndCheck = { ...idCheck, id: 'g-b' };

  test.each([
    ['birth year, then region and check', [birthYear, regionAndCheck]],
    ['region and check, then birth year', [regionAndCheck, birthYear]],
  ])('two grants: %s', (_case, grants) => {
    expectRecord({ unit: police, grants }, 'Student.idNumber', TIANHE_PRIMARY, {
      allowed: true, mask: 'ID_NUMBER_REGION_AND_CHECK', grantIds: ['g-a', 'g-b'],
    });
  });

  test('the permissions are deep-equal in both orders', () => {
    expect(permissionsFor({ unit: police, grants: [birthYear, regionAndCheck] }))
      .toEqual(permissionsFor({ unit: police, grants: [regionAndCheck, birthYear] }));
  });

  test.each([
    ['Student.idNumber', 'GZJY-XS-002', ['ID_NUMBER_BIRTH_YEAR', 'ID_NUMBER_REGION_AND_CHECK'], 'ID_NUMBER_REGION_AND_CHECK'],
    ['Student.idNumber', 'GZJY-XS-002', ['ID_NUMBER_REGION_AND_CHECK', 'ID_NUMBER_BIRTH_YEAR'], 'ID_NUMBER_REGION_AND_CHECK'],
    ['Student.birthDate', 'GZJY-XS-001', ['BIRTH_DATE_YEAR_MONTH', 'BIRTH_DATE_YEAR'], 'BIRTH_DATE_YEAR'],
    ['Student.birthDate', 'GZJY-XS-001', ['BIRTH_DATE_YEAR', 'BIRTH_DATE_YEAR_MONTH'], 'BIRTH_DATE_YEAR'],
    ['Student.name', 'GZJY-XS-001', ['NAME', 'NAME'], 'NAME'],
  ] as const)('one grant with several masks on %s (%s): %j → %s', (coordinate, resource, masks, strictest) => {
    const g = grant({ id: 'g-m', grantee: police, resource, coordinates: [coordinate], masks: { [coordinate]: masks } });
    expectGranted({ unit: police, grants: [g] }, coordinate, { mask: strictest, grantIds: ['g-m'] });
  });

  test('a record reached unmasked by jurisdiction and masked by a grant is masked', () => {
    const names = grant({
      id: 'g-n', grantee: '440106', resource: 'GZJY-XS-001', coordinates: ['Student.name'], masks: { 'Student.name': ['NAME'] },
    });
    const setup = { unit: '440106', grants: [names] };
    expectRecord(setup, 'Student.name', TIANHE_PRIMARY, { allowed: true, mask: 'NAME', grantIds: ['g-n'] });
    expectRecord(setup, 'Student.name', BAIYUN_PRIMARY, { allowed: true, mask: 'NAME', grantIds: ['g-n'] });
  });
});

describe('grants widen a unit beyond its jurisdiction', () => {
  const baiyunNames = grant({ id: 'g-w', grantee: '440106', resource: 'GZJY-XS-001', coordinates: ['Student.name'], rowScope: ['440111'] });
  const setup = { unit: '440106', grants: [baiyunNames] };

  test('the list scope is the union of jurisdiction and grant', () => {
    expectGranted(setup, 'Student.name', {
      scope: { all: false, districts: ['440106', '440111'], schools: [TIANHE_PRIMARY, TIANHE_JUNIOR, BAIYUN_PRIMARY].sort() },
      mask: null,
      grantIds: ['g-w'],
    });
  });

  test.each([
    ['own district, by jurisdiction', TIANHE_PRIMARY, { allowed: true, grantIds: [] }],
    ['the other district, by the grant', BAIYUN_PRIMARY, { allowed: true, grantIds: ['g-w'] }],
  ] as const)('%s', (_case, schoolCode, expected) => {
    expectRecord(setup, 'Student.name', schoolCode, expected);
  });
});

describe('research institute with an unconditional grant', () => {
  const titles: Grant = grant({
    id: 'g-t', grantee: 'GZJYYJY', resource: 'GZJY-JS-003', coordinates: ['Teacher.title', 'Teacher.education'], purpose: '教师队伍结构研究',
  });

  test.each(['Teacher.title', 'Teacher.education'])('%s: every record, unmasked', (coordinate) => {
    expectGranted({ unit: 'GZJYYJY', grants: [titles] }, coordinate, { scope: ALL, mask: null, grantIds: ['g-t'] });
    expectRecord({ unit: 'GZJYYJY', grants: [titles] }, coordinate, BAIYUN_PRIMARY, { allowed: true, grantIds: ['g-t'] });
  });

  test('the resource fields it did not ask for stay NOT_GRANTED', () => {
    expectDenied({ unit: 'GZJYYJY', grants: [titles] }, 'Teacher.qualificationKind', 'NOT_GRANTED');
  });
});

describe('determinism', () => {
  const mixed: Grant[] = [
    grant({ id: 'g-3', grantee: '440106', resource: 'GZJY-XS-003', coordinates: ['Student.phone', 'Student.address'], rowScope: ['440111'], masks: { 'Student.phone': ['PHONE'] } }),
    grant({ id: 'g-1', grantee: '440106', resource: 'GZJY-XS-001', coordinates: ['Student.birthDate'], rowScope: [BAIYUN_PRIMARY], masks: { 'Student.birthDate': ['BIRTH_DATE_YEAR_MONTH'] } }),
    grant({ id: 'g-2', grantee: '440106', resource: 'GZJY-XS-001', coordinates: ['Student.birthDate', 'Student.name'], masks: { 'Student.birthDate': ['BIRTH_DATE_YEAR'] } }),
    grant({ id: 'g-4', grantee: '440106', resource: 'GZJY-JS-001', coordinates: ['Teacher.name'], rowScope: ['440100'] }),
  ];

  test('every order of the grants gives the same permissions, down to the serialized bytes', () => {
    const reference = permissionsFor({ unit: '440106', grants: mixed });
    const referenceJson = JSON.stringify(reference);
    for (const order of permutations(mixed)) {
      const perms = permissionsFor({ unit: '440106', grants: order });
      expect(perms).toEqual(reference);
      expect(JSON.stringify(perms)).toBe(referenceJson);
    }
  });

  test('the grant paths sort after the jurisdiction path, by grant id', () => {
    const birthDate = permissionsFor({ unit: '440106', grants: mixed }).coordinates['Student.birthDate'];
    expect(birthDate?.allowed && birthDate.paths.map((p) => [p.grantId ?? null, p.mask ?? null])).toEqual([
      [null, null], ['g-1', 'BIRTH_DATE_YEAR_MONTH'], ['g-2', 'BIRTH_DATE_YEAR'],
    ]);
  });
});

function permutations<T>(items: ReadonlyArray<T>): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
