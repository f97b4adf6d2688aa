import { schoolRefs, startTeacherHarness, teacherRefs, type GraphQLResponse, type TeacherHarness } from './teacher-harness';
import { schoolStaff, teacherRecord } from './teacher-records';

/**
 * A failing HR system costs only the fields that needed it (DESIGN.md
 * "Errors"): each is UPSTREAM_UNAVAILABLE naming 'teacher-hr' and its
 * coordinate, the rest is answered, and nothing internal reaches the client.
 */
const SCHOOL = '2144000001';
const staff = schoolStaff(SCHOOL, 'P', 20);

const harnesses: TeacherHarness[] = [];
async function start(...args: Parameters<typeof startTeacherHarness>): Promise<TeacherHarness> {
  const harness = await startTeacherHarness(...args);
  harnesses.push(harness);
  return harness;
}
afterEach(async () => { await Promise.all(harnesses.splice(0).map((h) => h.close())); });

function expectUnavailable(response: GraphQLResponse, harness: TeacherHarness, expected: Array<{ path: Array<string | number>; coordinate: string }>): void {
  // In any order: fields fail as their own work settles.
  const errors = response.errors?.map((e) => ({ path: e.path, extensions: e.extensions }));
  expect(errors).toHaveLength(expected.length);
  expect(errors).toEqual(expect.arrayContaining(expected.map(({ path, coordinate }) => ({
    path, extensions: { code: 'UPSTREAM_UNAVAILABLE', system: 'teacher-hr', coordinate },
  }))));
  const text = JSON.stringify(response.errors);
  for (const secret of [harness.api.url, '127.0.0.1', 'ECONNREFUSED', 'fetch failed', 'HTTP 401', 'at ', 'stacktrace', '/api/v1']) {
    expect(text).not.toContain(secret);
  }
}

const MIXED_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Teacher { id name }
  ... on School { code teachers { id } }
} }`;

test('with the API stopped, _entities answers each teacher and School.teachers as UPSTREAM_UNAVAILABLE, the rest still answered', async () => {
  const harness = await start(staff);
  await harness.api.close();
  const response = await harness.query(MIXED_ENTITIES, { r: [...teacherRefs(['P0001', 'P0002']), ...schoolRefs([SCHOOL])] });
  expect(response.data).toEqual({ _entities: [null, null, { code: SCHOOL, teachers: null }] });
  expectUnavailable(response, harness, [
    { path: ['_entities', 0], coordinate: 'Query._entities' },
    { path: ['_entities', 1], coordinate: 'Query._entities' },
    { path: ['_entities', 2, 'teachers'], coordinate: 'School.teachers' },
  ]);
  expect(harness.logs.some((line) => line.msg === 'teacher HR API call failed' && line.endpoint === 'POST /api/v1/teachers/batch')).toBe(true);
});

test('root fields fail one by one: teacher and teachers are null with their own errors', async () => {
  const harness = await start(staff);
  await harness.api.close();
  const response = await harness.query('{ teacher(id: "P0001") { id } teachers(first: 5) { totalCount } }');
  expect(response.data).toEqual({ teacher: null, teachers: null });
  expectUnavailable(response, harness, [
    { path: ['teacher'], coordinate: 'Query.teacher' },
    { path: ['teachers'], coordinate: 'Query.teachers' },
  ]);
});

test('a wrong API key (401) is UPSTREAM_UNAVAILABLE, not the client\'s fault, and logged for the operators', async () => {
  const harness = await start(staff, { apiKey: 'not-the-key' });
  const response = await harness.query('{ teacher(id: "P0001") { id } }');
  expectUnavailable(response, harness, [{ path: ['teacher'], coordinate: 'Query.teacher' }]);
  expect(harness.api.stats.unauthorized).toBe(1);
  const refusal = harness.logs.find((line) => line.status === 401);
  expect(refusal).toMatchObject({ level: 50, system: 'teacher-hr', msg: expect.stringContaining('LEGACY_TEACHER_API_KEY') });
  expect(JSON.stringify(harness.logs)).not.toContain('not-the-key');
});

test.each([
  ['answers 503', { failureRate: 1 }],
  ['answers after the timeout', { latencyMs: 300, timeoutMs: 50 }],
])('an API that %s is UPSTREAM_UNAVAILABLE', async (_case, options) => {
  const harness = await start(staff, options);
  const response = await harness.query('query($r: [_Any!]!) { _entities(representations: $r) { ... on School { teachers { id } } } }', { r: schoolRefs([SCHOOL]) });
  expectUnavailable(response, harness, [{ path: ['_entities', 0, 'teachers'], coordinate: 'School.teachers' }]);
  expect(harness.services.adapter.counters.failures).toBe(1);
});

test('a record that does not parse is logged and left out of lists; asked by id it is an internal error, the others answered', async () => {
  const broken = teacherRecord({ GH: 'BROKEN', CSRQ: '1985-03-12', XXDM: SCHOOL });
  const harness = await start([...staff.slice(0, 3), broken]);
  const response = await harness.query(`{
    teachers(first: 10) { totalCount edges { node { id } } }
    broken: teacher(id: "BROKEN") { id }
    fine: teacher(id: "P0001") { id }
  }`);
  expect(response.data).toEqual({
    teachers: { totalCount: 4, edges: [{ node: { id: 'P0001' } }, { node: { id: 'P0002' } }, { node: { id: 'P0003' } }] },
    broken: null,
    fine: { id: 'P0001' },
  });
  expect(response.errors).toEqual([expect.objectContaining({ path: ['broken'], extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) })]);
  expect(harness.services.adapter.counters.invalidRecords).toBe(2);
  expect(harness.logs.filter((line) => line.id === 'BROKEN' && Array.isArray(line.problems))).toHaveLength(2);
});
