import { legacyCallTotals } from '../../../platform/legacy-calls';
import { dbKinds, openFixture, SCHOOL_COUNT, type Fixture } from './harness';

/**
 * DESIGN.md "Batching": a list with its relations costs a constant number of
 * SQL statements, whatever its length. Counted, never timed.
 */
const STUDENTS_WITH_RELATIONS = `query ($first: Int) {
  students(first: $first) {
    totalCount
    edges { node {
      id name
      school { code name district { name } }
      class { id name size headTeacher { id } }
      guardians { name relation { name } }
    } }
  }
}`;

describe.each(dbKinds)('student subgraph batching on %s', (kind) => {
  let fixture: Fixture;
  beforeAll(async () => { fixture = await openFixture(kind); });
  afterAll(async () => { await fixture?.close(); });

  it('answers students(first: N) with school, class, size and guardians in 6 statements for N = 20, 100, 500', async () => {
    for (const first of [20, 100, 500]) {
      const { result, statements } = await fixture.count(STUDENTS_WITH_RELATIONS, { first });
      expect(result.errors).toBeUndefined();
      const data = result.data as { students: { edges: Array<{ node: { guardians: unknown[]; class: { size: number } } }> } };
      expect(data.students.edges).toHaveLength(first);
      expect(data.students.edges.every((e) => e.node.guardians.length === 2 && e.node.class.size > 0)).toBe(true);
      // page + count + schools + classes + class sizes + guardians
      expect(statements).toBe(6);
    }
  });

  it('counts each statement as a student-status legacy call', async () => {
    const before = (await legacyCallTotals())['student-status'] ?? 0;
    const { statements } = await fixture.count(STUDENTS_WITH_RELATIONS, { first: 50 });
    expect(((await legacyCallTotals())['student-status'] ?? 0) - before).toBe(statements);
  });

  it('resolves 100 School representations in _entities with 1 statement', async () => {
    const codes = fixture.source.schools.slice(0, SCHOOL_COUNT).map((s) => s.XXDM);
    const { result, statements } = await fixture.count(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { code name } } }',
      { r: codes.map((code) => ({ __typename: 'School', code })) },
    );
    expect(result.errors).toBeUndefined();
    expect((result.data as { _entities: Array<{ code: string }> })._entities.map((e) => e.code)).toEqual(codes);
    expect(statements).toBe(1);
  });

  it('resolves Student and Class representations in one statement each', async () => {
    const students = fixture.students.slice(0, 60);
    const { result, statements } = await fixture.count(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Student { id } ... on Class { id } } }',
      { r: [...students.map((s) => ({ __typename: 'Student', id: s.XH })), ...students.map((s) => ({ __typename: 'Class', id: s.BJDM }))] },
    );
    expect(result.errors).toBeUndefined();
    expect(statements).toBe(2);
  });

  it('pages students of every school of a page in one statement, plus one for their counts', async () => {
    for (const first of [10, 100]) {
      const { result, statements } = await fixture.count(`query ($first: Int) {
        schools(first: $first) { edges { node { code students(first: 5) { totalCount edges { node { id school { code } } } } classes { id size } } } }
      }`, { first });
      expect(result.errors).toBeUndefined();
      // schools page + students pages + student counts + classes + class sizes (schools are primed by the page)
      expect(statements).toBe(5);
      const edges = (result.data as { schools: { edges: Array<{ node: { code: string; students: { totalCount: number; edges: Array<{ node: { school: { code: string } } }> } } }> } }).schools.edges;
      for (const { node } of edges) {
        expect(node.students.edges.length).toBe(Math.min(5, node.students.totalCount));
        expect(node.students.edges.every((e) => e.node.school.code === node.code)).toBe(true);
      }
    }
  });

  it('lists the students of many classes in one statement', async () => {
    const { result, statements } = await fixture.count('{ schools(first: 2) { edges { node { classes { students { id class { id } } } } } } }');
    expect(result.errors).toBeUndefined();
    // schools page + classes + students of all classes (their class is primed)
    expect(statements).toBe(3);
  });
});
