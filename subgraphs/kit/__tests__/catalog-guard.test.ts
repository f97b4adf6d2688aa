import { graphql, type ExecutionResult } from 'graphql';
import pino from 'pino';
import { errors } from '../../../policies/errors';
import type { Permissions } from '../../../policies/permissions';
import { buildGuardedSchema } from '../guarded-schema';
import { fixtureSubgraph, TIANHE_SCHOOL, type FixtureServices } from './fixture-subgraph';
import { allowAllPermissions, catalog, contextFor, districtScope, testPermissions } from './test-permissions';

/** OUT_OF_SCOPE is about a grant's row scope: these permissions come from one. */
const GRANT = 'g-scope';

/**
 * The guard's behaviour on a small in-memory subgraph, one graphql-shield trap
 * per case (STYLE.md habit 5): shield fails open, turns a thrown error into
 * "Not Authorised!", can break __resolveReference, and async rules can split
 * DataLoader batches.
 */
const logs: Array<Record<string, unknown>> = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => { logs.push(JSON.parse(line) as Record<string, unknown>); } });
const schema = buildGuardedSchema(fixtureSubgraph, logger);
const services: FixtureServices = { batches: { studentById: 0, schoolByCode: 0 } };

async function run(source: string, permissions: Permissions = allowAllPermissions(), variableValues?: Record<string, unknown>): Promise<ExecutionResult & { served: unknown }> {
  const contextValue = contextFor(fixtureSubgraph, services, permissions);
  const result = await graphql({ schema, source, contextValue, ...(variableValues ? { variableValues } : {}) });
  return { ...result, served: contextValue.recordsServed.toExtension() };
}

const errorsOf = (result: ExecutionResult) => result.errors?.map((e) => ({ path: e.path, message: e.message, extensions: e.extensions }));
const shape = ({ message, extensions }: { message: string; extensions: object }) => ({ message, extensions });
const tianhe = districtScope('440106', [TIANHE_SCHOOL]);

beforeEach(() => { logs.length = 0; });

it('denies a field no rule covers (shield would allow it) with FORBIDDEN naming it, and logs it', async () => {
  const result = await run('{ student(id: "S1") { id nickname } }');
  expect(result.data).toEqual({ student: { id: 'S1', nickname: null } });
  const forbidden = errors.forbidden('read Student.nickname', 'the field is in no catalog resource, so no rule allows it.');
  expect(errorsOf(result)).toEqual([{ path: ['student', 'nickname'], message: forbidden.message, extensions: forbidden.extensions }]);
  expect(logs).toEqual([expect.objectContaining({ coordinate: 'Student.nickname', msg: expect.stringContaining('fallback rule') })]);
});

it('answers a rule that throws with our FORBIDDEN, never "Not Authorised!"', async () => {
  const result = await run('{ student(id: "broken") { name } }');
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
  expect(result.errors![0]!.message).toBe(errors.forbidden('read Student.name', 'checking the permission failed; the operators have the details.').message);
  expect(JSON.stringify(result.errors)).not.toContain('Not Authorised');
  expect(logs).toEqual([expect.objectContaining({ coordinate: 'Student.name', msg: 'field refused: its rule failed', err: expect.objectContaining({ message: 'record without a school' }) })]);
});

it.each([
  ['NOT_GRANTED', { refuse: { 'Student.idNumber': 'NOT_GRANTED' } } as const, errors.notGranted('Student.idNumber', catalog.resourceOf('Student.idNumber')!.code)],
  ['NOT_GRANTED when the permissions omit the coordinate', { omit: ['Student.idNumber'] }, errors.notGranted('Student.idNumber', catalog.resourceOf('Student.idNumber')!.code)],
])('refuses with %s and our message', async (_case, options, expected) => {
  const result = await run('{ student(id: "S1") { name idNumber } }', testPermissions(options));
  expect(result.data).toEqual({ student: { name: '陈晓明', idNumber: null } });
  expect(errorsOf(result)).toEqual([{ path: ['student', 'idNumber'], message: expected.message, extensions: expected.extensions }]);
});

it('refuses a not-shared field with NOT_SHARED, the resource and its legal basis', async () => {
  const result = await run('{ student(id: "S1") { healthStatus { name } } }', testPermissions({ refuse: { 'Student.healthStatus': 'NOT_SHARED' } }));
  const resource = catalog.resourceOf('Student.healthStatus')!;
  expect(result.errors?.[0]?.extensions).toEqual({ code: 'NOT_SHARED', coordinate: 'Student.healthStatus', resource: resource.code, legalBasis: expect.any(String) });
  expect(result.data).toEqual({ student: { healthStatus: null } });
});

it('passes a resolver\'s own error through with its code', async () => {
  const result = await run('{ student(id: "down") { id } }');
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', coordinate: 'Query.student' });
});

it('answers OUT_OF_SCOPE per field of a record outside the scope, naming the record; its key field stays', async () => {
  const result = await run('{ students { id phone school { name } } }', testPermissions({ scope: tianhe, grantId: GRANT }));
  expect(result.data).toEqual({ students: [
    { id: 'S1', phone: '13812345678', school: { name: `学校${TIANHE_SCHOOL}` } },
    { id: 'S2', phone: null, school: null },
    { id: 'S3', phone: '13700001111', school: { name: `学校${TIANHE_SCHOOL}` } },
  ] });
  expect(errorsOf(result)).toEqual([
    { path: ['students', 1, 'phone'], ...shape(errors.outOfScope('Student.phone', 'S2')) },
    { path: ['students', 1, 'school'], ...shape(errors.outOfScope('Student.school', 'S2')) },
  ]);
  expect(result.served).toEqual({ Student: [{ id: 'S1', grantIds: [GRANT] }, { id: 'S3', grantIds: [GRANT] }] });
});

it('nulls the whole record when a non-null field of it is out of scope', async () => {
  const result = await run('{ students { id name } }', testPermissions({ scope: tianhe, grantId: GRANT }));
  expect(result.data).toEqual({ students: [{ id: 'S1', name: '陈晓明' }, null, { id: 'S3', name: '李强' }] });
  expect(errorsOf(result)).toEqual([{ path: ['students', 1, 'name'], ...shape(errors.outOfScope('Student.name', 'S2')) }]);
});

it('masks after loading, each value as its grant requires, and reports the records with their grants', async () => {
  const permissions = testPermissions({
    grantId: 'g-7',
    masks: {
      'Student.name': 'NAME', 'Student.idNumber': 'ID_NUMBER_REGION_AND_CHECK', 'Student.phone': 'PHONE',
      'Student.birthDate': 'BIRTH_DATE_YEAR_MONTH', 'Student.address': 'ADDRESS_DISTRICT', 'Student.householdRegistration': 'ADDRESS_DISTRICT',
    },
  });
  const result = await run('{ student(id: "S2") { id name idNumber phone birthDate address householdRegistration { code } } }', permissions);
  expect(result).toEqual({
    data: { student: {
      id: 'S2', name: '欧阳*', idNumber: '440111***********X', phone: '139****4321', birthDate: '2014-05',
      address: '广州市白云区', householdRegistration: { code: '440111' },
    } },
    served: { Student: [{ id: 'S2', grantIds: ['g-7'] }] },
  });
});

it('reports nothing served when no personal field was returned', async () => {
  expect((await run('{ student(id: "nobody") { id } }')).served).toBeUndefined();
});

it('keeps __resolveReference working and batching in one tick under the rules', async () => {
  const before = { ...services.batches };
  const result = await run(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Student { id name school { code name } } } }',
    allowAllPermissions(), { r: ['S1', 'S2', 'S3'].map((id) => ({ __typename: 'Student', id })) },
  );
  expect(result.errors).toBeUndefined();
  expect((result.data as { _entities: Array<{ id: string }> })._entities.map((e) => e.id)).toEqual(['S1', 'S2', 'S3']);
  expect({ students: services.batches.studentById - before.studentById, schools: services.batches.schoolByCode - before.schoolByCode })
    .toEqual({ students: 1, schools: 1 });
});

it('answers _service', async () => {
  const result = await run('{ _service { sdl } }', testPermissions({ omit: ['Query.student', 'Query.students'] }));
  expect(result.errors).toBeUndefined();
  expect((result.data as { _service: { sdl: string } })._service.sdl).toContain('type Student');
});

it.each([
  ['a named fragment', '{ student(id: "S1") { name ...Identity } } fragment Identity on Student { idNumber }'],
  ['an inline fragment', '{ student(id: "S1") { name ... on Student { idNumber } } }'],
  ['an entity representation', 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Student { name idNumber } } }'],
])('refuses a plain-property catalog field reached through %s, at its path, its siblings kept', async (_case, source) => {
  const expected = errors.notGranted('Student.idNumber', catalog.resourceOf('Student.idNumber')!.code);
  const result = await run(source, testPermissions({ refuse: { 'Student.idNumber': 'NOT_GRANTED' } }), { r: [{ __typename: 'Student', id: 'S1' }] });
  const root = source.includes('_entities') ? '_entities' : 'student';
  const node = root === '_entities' ? (result.data as { _entities: unknown[] })._entities[0] : (result.data as { student: unknown }).student;
  expect(node).toEqual({ name: '陈晓明', idNumber: null });
  expect(errorsOf(result)).toEqual([{ path: root === '_entities' ? ['_entities', 0, 'idNumber'] : ['student', 'idNumber'], message: expected.message, extensions: expected.extensions }]);
});
