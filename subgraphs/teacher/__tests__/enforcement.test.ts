import { errors } from '../../../policies/errors';
import { partialScope } from '../../../policies/permissions';
import { catalog, districtScope, testPermissions } from '../../kit/__tests__/test-permissions';
import { schoolRefs, startTeacherHarness, teacherRefs, type GraphQLResponse, type TeacherHarness } from './teacher-harness';
import { schoolStaff } from './teacher-records';

/** OUT_OF_SCOPE is about a grant's row scope: these permissions come from one. */
const GRANT = 'g-scope';

/**
 * Permissions enforced inside the teacher subgraph: the row scope becomes the
 * listing's school filter, a teacher asked for by id outside it is
 * OUT_OF_SCOPE, fields are refused with our codes and masked after loading.
 */
const PRIMARY = '2144000001';
const JUNIOR = '3144000002';
const SMALL = '2144000003';
const staff = [...schoolStaff(PRIMARY, 'P', 30), ...schoolStaff(JUNIOR, 'J', 20), ...schoolStaff(SMALL, 'S', 10)];
const small = districtScope('440106', [SMALL]);

let harness: TeacherHarness;
beforeAll(async () => { harness = await startTeacherHarness(staff); });
afterAll(() => harness.close());

/** The listing URLs the adapter asked the HR system for while `work` ran. */
async function listingsOf(work: () => Promise<unknown>): Promise<URL[]> {
  const spy = jest.spyOn(globalThis, 'fetch');
  try {
    await work();
    return spy.mock.calls.map(([input]) => new URL(String(input))).filter((url) => url.pathname === '/api/v1/teachers');
  } finally {
    spy.mockRestore();
  }
}

const TEACHERS = 'query ($filter: TeacherFilter) { teachers(first: 100, filter: $filter) { totalCount edges { node { id } } } }';
const idsOf = (response: GraphQLResponse) => (response.data as { teachers: { edges: Array<{ node: { id: string } }> } }).teachers.edges.map((e) => e.node.id);
const errorsOf = (response: GraphQLResponse) => response.errors?.map((e) => ({ path: e.path, message: e.message, code: e.extensions?.code }));

test.each([
  ['the scope\'s schools', undefined, small, SMALL, 10],
  ['the client\'s schools narrowed to the scope', { schools: [PRIMARY, SMALL] }, small, SMALL, 10],
  ['the client\'s schools under an all-rows scope', { schools: [JUNIOR] }, undefined, JUNIOR, 20],
  ['no school filter under an all-rows scope', undefined, undefined, null, 60],
])('pushes %s into the listing\'s schoolCodes', async (_case, filter, scope, schoolCodes, total) => {
  let response: GraphQLResponse | undefined;
  const listings = await listingsOf(async () => {
    response = await harness.query(TEACHERS, { filter }, testPermissions(scope ? { scope } : {}));
  });
  expect(listings.map((url) => url.searchParams.get('schoolCodes'))).toEqual([schoolCodes]);
  expect(response!.errors).toBeUndefined();
  expect((response!.data as { teachers: { totalCount: number } }).teachers.totalCount).toBe(total);
  expect(idsOf(response!)).toEqual(staff.filter((t) => schoolCodes === null || t.XXDM === schoolCodes).map((t) => t.GH));
});

test('asks the HR system nothing when the scope holds no school', async () => {
  const before = { ...harness.services.adapter.counters };
  const response = await harness.query(TEACHERS, {}, testPermissions({ scope: partialScope([], []) }));
  expect(response.data).toEqual({ teachers: { totalCount: 0, edges: [] } });
  expect(harness.services.adapter.counters.requests - before.requests).toBe(0);
});

test('answers teacher(id) outside the scope with OUT_OF_SCOPE, inside it with the teacher, an unknown id with null', async () => {
  const response = await harness.query('{ out: teacher(id: "P0001") { id name } in: teacher(id: "S0001") { id } none: teacher(id: "X") { id } }', {}, testPermissions({ scope: small, grantId: GRANT }));
  expect(response.data).toEqual({ out: null, in: { id: 'S0001' }, none: null });
  expect(errorsOf(response)).toEqual([{ path: ['out'], message: errors.outOfScope('Query.teacher', 'P0001').message, code: 'OUT_OF_SCOPE' }]);
});

test('checks Teacher entities record by record: OUT_OF_SCOPE on each field, the key kept, one batch for all', async () => {
  const before = { ...harness.services.adapter.counters };
  const response = await harness.query(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Teacher { id phone } } }',
    { r: teacherRefs(['S0001', 'P0001']) }, testPermissions({ scope: small, grantId: GRANT }),
  );
  expect(response.data).toEqual({ _entities: [{ id: 'S0001', phone: '13800138000' }, { id: 'P0001', phone: null }] });
  expect(errorsOf(response)).toEqual([{ path: ['_entities', 1, 'phone'], message: errors.outOfScope('Teacher.phone', 'P0001').message, code: 'OUT_OF_SCOPE' }]);
  expect(harness.services.adapter.counters.batch - before.batch).toBe(1);
});

test('refuses School.teachers of a school outside the scope, listing only the schools in it', async () => {
  let response: GraphQLResponse | undefined;
  const listings = await listingsOf(async () => {
    response = await harness.query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { code teachers { id } } } }',
      { r: schoolRefs([SMALL, PRIMARY]) }, testPermissions({ scope: small, grantId: GRANT }),
    );
  });
  expect(response!.data).toEqual({ _entities: [{ code: SMALL, teachers: staff.filter((t) => t.XXDM === SMALL).map((t) => ({ id: t.GH })) }, { code: PRIMARY, teachers: null }] });
  expect(errorsOf(response!)).toEqual([{ path: ['_entities', 1, 'teachers'], message: errors.outOfScope('School.teachers', PRIMARY).message, code: 'OUT_OF_SCOPE' }]);
  expect(listings.map((url) => url.searchParams.get('schoolCodes'))).toEqual([SMALL]);
});

test('refuses an ungranted field with NOT_GRANTED and our message', async () => {
  const response = await harness.query('{ teacher(id: "S0001") { id phone } }', {}, testPermissions({ refuse: { 'Teacher.phone': 'NOT_GRANTED' } }));
  expect(response.data).toEqual({ teacher: { id: 'S0001', phone: null } });
  const { message } = errors.notGranted('Teacher.phone', catalog.resourceOf('Teacher.phone')!.code);
  expect(errorsOf(response)).toEqual([{ path: ['teacher', 'phone'], message, code: 'NOT_GRANTED' }]);
});

test('masks name, phone, ID number and birth date after loading, with no extra request, and reports the grant', async () => {
  const before = { ...harness.services.adapter.counters };
  const permissions = testPermissions({
    grantId: 'g-hr',
    masks: { 'Teacher.name': 'NAME', 'Teacher.phone': 'PHONE', 'Teacher.idNumber': 'ID_NUMBER_BIRTH_YEAR', 'Teacher.birthDate': 'BIRTH_DATE_YEAR' },
  });
  const response = await harness.query('{ teacher(id: "S0001") { id name phone idNumber birthDate } }', {}, permissions);
  expect(response).toEqual({
    data: { teacher: { id: 'S0001', name: '教***', phone: '138****8000', idNumber: '4401061985********', birthDate: '1985' } },
    extensions: { recordsServed: { Teacher: [{ id: 'S0001', grantIds: ['g-hr'] }] } },
  });
  expect(harness.services.adapter.counters.requests - before.requests).toBe(1);
});
