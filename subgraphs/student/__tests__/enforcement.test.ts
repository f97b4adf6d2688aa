import type { ExecutionResult } from 'graphql';
import { errors } from '../../../policies/errors';
import { allowAllPermissions, catalog, districtScope, testPermissions } from '../../kit/__tests__/test-permissions';
import { dbKinds, openFixture, type Fixture } from './harness';

/** OUT_OF_SCOPE is about a grant's row scope: these permissions come from one. */
const GRANT = 'g-scope';

/**
 * Permissions enforced inside the student subgraph (DESIGN.md "Shape"): the
 * shield rules refuse with our codes, the row scope is in the SQL of lists,
 * a student asked for by id outside it is OUT_OF_SCOPE, and masks are applied
 * after loading without one more statement.
 */
const TIANHE_SCHOOL = '2144000001';
const BAIYUN_SCHOOL = '3144000002';
// The synthetic source alternates its classes between these two schools.
const TIANHE_STUDENT = '2144000001000002';
const BAIYUN_STUDENT = '3144000002000001';
const tianhe = districtScope('440106', [TIANHE_SCHOOL]);

const PAGE = 'query ($first: Int) { students(first: $first) { totalCount edges { node { id school { code } } } } }';
const STUDENTS_WITH_RELATIONS = `{ students(first: 100) { totalCount edges { node {
  id name idNumber phone birthDate address school { code name } class { id name size headTeacher { id } } guardians { name phone relation { name } }
} } } }`;

const errorsOf = (result: ExecutionResult) => result.errors?.map((e) => ({ path: e.path, message: e.message, code: e.extensions?.code }));

describe.each(dbKinds)('student subgraph enforcement on %s', (kind) => {
  let fixture: Fixture;
  beforeAll(async () => { fixture = await openFixture(kind); });
  afterAll(async () => { await fixture?.close(); });

  const since = (before: number) => fixture.statements.slice(before).map((sql, i) => ({ sql, params: fixture.params[before + i]! }));

  it('pushes the row scope of Query.students into the WHERE clause of the page and of its count', async () => {
    const before = fixture.statements.length;
    const result = await fixture.run(PAGE, { first: 500 }, testPermissions({ scope: tianhe }));
    expect(result.errors).toBeUndefined();
    const { students } = result.data as { students: { totalCount: number; edges: Array<{ node: { id: string; school: { code: string } } }> } };
    const expected = fixture.students.filter((s) => s.XXDM === TIANHE_SCHOOL).map((s) => s.XH).sort();
    expect(students.totalCount).toBe(expected.length);
    expect(students.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 500));
    const [page, count] = since(before);
    for (const statement of [page!, count!]) {
      expect(statement.sql).toMatch(/WHERE .*s\.xxdm IN \(SELECT x\.xxdm FROM xxjbxx x WHERE \(x\.xzqhm = ANY\(\$1::text\[\]\) OR x\.xxdm = ANY\(\$2::text\[\]\)\)\)/);
      expect(statement.params.slice(0, 2)).toEqual([['440106'], [TIANHE_SCHOOL]]);
    }
  });

  it('combines the scope with the client\'s filter: another district\'s students are not even counted', async () => {
    const result = await fixture.run('{ students(first: 5, filter: { district: "440111" }) { totalCount edges { node { id } } } }', undefined, testPermissions({ scope: tianhe }));
    expect(result).toEqual({ data: { students: { totalCount: 0, edges: [] } } });
  });

  it('answers a student of another district asked for by id with OUT_OF_SCOPE, the record never read', async () => {
    const before = fixture.statements.length;
    const result = await fixture.run('query ($id: ID!) { student(id: $id) { id name } }', { id: BAIYUN_STUDENT }, testPermissions({ scope: tianhe, grantId: GRANT }));
    expect(result.data).toEqual({ student: null });
    expect(errorsOf(result)).toEqual([{ path: ['student'], message: errors.outOfScope('Query.student', BAIYUN_STUDENT).message, code: 'OUT_OF_SCOPE' }]);
    const [lookup, exists] = since(before);
    expect(lookup!.sql).toMatch(/WHERE s\.xh = ANY\(\$1::text\[\]\) AND s\.xxdm IN \(SELECT x\.xxdm FROM xxjbxx x WHERE \(x\.xzqhm = ANY/);
    expect(exists!.sql).toBe('SELECT s.xh FROM xsjbxx s WHERE s.xh = ANY($1::text[])');
    expect(since(before)).toHaveLength(2);
  });

  it('answers a student in scope, and null without an error for an id that does not exist', async () => {
    const result = await fixture.run(`{ inScope: student(id: "${TIANHE_STUDENT}") { id } nobody: student(id: "nobody") { id } }`, undefined, testPermissions({ scope: tianhe }));
    expect(result).toEqual({ data: { inScope: { id: TIANHE_STUDENT }, nobody: null } });
  });

  it('refuses the students of a school outside the scope of School.students with OUT_OF_SCOPE', async () => {
    const { result, statements } = await fixture.count(
      `{ a: school(code: "${BAIYUN_SCHOOL}") { name students(first: 3) { totalCount } } b: school(code: "${TIANHE_SCHOOL}") { students(first: 3) { totalCount } } }`,
      undefined, testPermissions({ scopes: { 'School.students': tianhe }, grantId: GRANT }),
    );
    // School.students is nullable (a governed field): its refusal nulls that field, and the school keeps its name.
    expect(result.data).toEqual({
      a: { name: expect.any(String), students: null },
      b: { students: { totalCount: fixture.students.filter((s) => s.XXDM === TIANHE_SCHOOL).length } },
    });
    expect(errorsOf(result)).toEqual([{ path: ['a', 'students'], message: errors.outOfScope('School.students', BAIYUN_SCHOOL).message, code: 'OUT_OF_SCOPE' }]);
    // schools + one page and one count for the school in scope only
    expect(statements).toBe(3);
  });

  it('refuses an ungranted field at every path with NOT_GRANTED and our message, the rest answered', async () => {
    const result = await fixture.run('{ students(first: 2) { edges { node { id idNumber } } } }', undefined, testPermissions({ refuse: { 'Student.idNumber': 'NOT_GRANTED' } }));
    const { message } = errors.notGranted('Student.idNumber', catalog.resourceOf('Student.idNumber')!.code);
    expect(errorsOf(result)).toEqual([0, 1].map((i) => ({ path: ['students', 'edges', i, 'node', 'idNumber'], message, code: 'NOT_GRANTED' })));
    const ids = fixture.students.map((s) => s.XH).sort().slice(0, 2);
    expect(result.data).toEqual({ students: { edges: ids.map((id) => ({ node: { id, idNumber: null } })) } });
  });

  it('refuses a not-shared field with NOT_SHARED and its legal basis', async () => {
    const result = await fixture.run(`{ student(id: "${TIANHE_STUDENT}") { healthStatus { name } } }`, undefined, testPermissions({ refuse: { 'Student.healthStatus': 'NOT_SHARED' } }));
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'NOT_SHARED', coordinate: 'Student.healthStatus', resource: catalog.resourceOf('Student.healthStatus')!.code, legalBasis: expect.any(String),
    });
  });

  it('masks name, ID number, phone, birth date and address, and the guardians\' name and phone', async () => {
    const permissions = testPermissions({
      masks: {
        'Student.name': 'NAME', 'Student.idNumber': 'ID_NUMBER_REGION_AND_CHECK', 'Student.phone': 'PHONE',
        'Student.birthDate': 'BIRTH_DATE_YEAR_MONTH', 'Student.address': 'ADDRESS_DISTRICT', 'Guardian.name': 'NAME', 'Guardian.phone': 'PHONE',
      },
    });
    const result = await fixture.run(`{ student(id: "${TIANHE_STUDENT}") { id name idNumber phone birthDate address guardians { name phone } } }`, undefined, permissions);
    expect(result).toEqual({ data: { student: {
      id: TIANHE_STUDENT, name: '陈*', idNumber: '440106***********X', phone: '138****0002', birthDate: '2015-03',
      address: '广州市', guardians: [{ name: '陈*', phone: '139****0000' }, { name: '林*', phone: '139****0000' }],
    } } });
  });

  it('costs the same 6 statements for a list with its relations whether masked, scoped or neither', async () => {
    const masked = testPermissions({ masks: { 'Student.name': 'NAME', 'Student.idNumber': 'ID_NUMBER_BIRTH_YEAR', 'Guardian.name': 'NAME' } });
    for (const permissions of [allowAllPermissions(), masked, testPermissions({ scope: tianhe })]) {
      const { result, statements } = await fixture.count(STUDENTS_WITH_RELATIONS, undefined, permissions);
      expect(result.errors).toBeUndefined();
      expect(statements).toBe(6);
    }
  });

  it('checks entities record by record: OUT_OF_SCOPE on the fields of one outside the scope, its key kept', async () => {
    const result = await fixture.run(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Student { id phone } } }',
      { r: [TIANHE_STUDENT, BAIYUN_STUDENT].map((id) => ({ __typename: 'Student', id })) }, testPermissions({ scope: tianhe, grantId: GRANT }),
    );
    expect(result.data).toEqual({ _entities: [{ id: TIANHE_STUDENT, phone: '13800000002' }, { id: BAIYUN_STUDENT, phone: null }] });
    expect(errorsOf(result)).toEqual([{ path: ['_entities', 1, 'phone'], message: errors.outOfScope('Student.phone', BAIYUN_STUDENT).message, code: 'OUT_OF_SCOPE' }]);
  });
});
