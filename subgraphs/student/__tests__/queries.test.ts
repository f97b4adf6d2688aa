import { connectTestClient } from '../../../test/support/test-clients';
import { ethnicityByCode, genderByCode } from '../../../policies/standards';
import { contextFor } from '../../kit/__tests__/test-permissions';
import { createStudentServices, studentSubgraph } from '../index';
import { dbKinds, openFixture, STUDENT_COUNT, type Fixture } from './harness';

interface StudentPage {
  students: { totalCount: number; edges: Array<{ cursor: string; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE = `query ($first: Int, $after: String, $filter: StudentFilter) {
  students(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
}`;

describe.each(dbKinds)('student subgraph queries on %s', (kind) => {
  let fixture: Fixture;
  beforeAll(async () => { fixture = await openFixture(kind); });
  afterAll(async () => { await fixture?.close(); });

  it('returns sampled students with exactly the legacy values after translation', async () => {
    for (const row of [fixture.students[0]!, fixture.students[3]!, fixture.students[50]!, fixture.students[97]!, fixture.students[1_199]!]) {
      const result = await fixture.run(`query ($id: ID!) { student(id: $id) {
        id studentNumber studentNumberKind name gender { code label } ethnicity { code letters name } birthDate
        idNumber enrolledOn status boarding leftBehind birthPlace { code name } disabilityType { code name }
        school { code } class { id }
      } }`, { id: row.XH });
      expect(result.errors).toBeUndefined();
      const ethnicity = ethnicityByCode(row.MZM)!;
      expect((result.data as { student: unknown }).student).toEqual({
        id: row.XH,
        studentNumber: row.XJH,
        studentNumberKind: row.XJH.charAt(0),
        name: row.XM,
        gender: genderByCode(row.XBM),
        ethnicity: { code: ethnicity.code, letters: ethnicity.letters, name: ethnicity.name },
        birthDate: `${row.CSRQ.slice(0, 4)}-${row.CSRQ.slice(4, 6)}-${row.CSRQ.slice(6, 8)}`,
        idNumber: row.SFZJH === '' ? null : row.SFZJH,
        enrolledOn: `${row.RXNY.slice(0, 4)}-${row.RXNY.slice(4, 6)}`,
        status: row.XSDQZTM === '01' ? 'IN_SCHOOL' : 'TRANSFERRED_OUT',
        boarding: row.JDFSM === '2',
        leftBehind: row.SFLSET !== '0',
        birthPlace: { code: row.CSDM, name: row.CSDM === '440106' ? '天河区' : '' },
        disabilityType: row.CJLXM === '' ? null : { code: row.CJLXM, name: '肢体残疾' },
        school: { code: row.XXDM },
        class: { id: row.BJDM },
      });
    }
    // The variety the fixture plants: 水族 is SU in GB/T 3304, an L number is temporary.
    const planted = await fixture.run('query ($id: ID!) { student(id: $id) { ethnicity { letters } studentNumberKind } }', { id: fixture.students[3]!.XH });
    expect(planted.data).toEqual({ student: { ethnicity: { letters: 'SU' }, studentNumberKind: 'L' } });
  });

  it('returns guardians and schools as the legacy rows hold them', async () => {
    const row = fixture.students[10]!;
    const school = fixture.source.schools.find((s) => s.XXDM === row.XXDM)!;
    const result = await fixture.run(`query ($id: ID!) { student(id: $id) {
      guardians { name relation { code name } isGuardian homePhone }
      school { code name district { code name } runningType { code name } ownership { code name } foundedOn principalName }
    } }`, { id: row.XH });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ student: {
      guardians: [
        { name: '陈父', relation: { code: '51', name: '父亲' }, isGuardian: true, homePhone: null },
        { name: '林母', relation: { code: '52', name: '母亲' }, isGuardian: true, homePhone: null },
      ],
      school: {
        code: school.XXDM, name: school.XXMC, district: { code: school.XZQHM, name: school.XZQHM === '440106' ? '天河区' : '白云区' },
        runningType: { code: '211', name: '小学' }, ownership: { code: '21', name: '公办' }, foundedOn: '1990-09', principalName: school.XZXM,
      },
    } });
  });

  it('pages through all students by keyset with a stable totalCount', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await fixture.run(PAGE, { first: 500, after });
      expect(result.errors).toBeUndefined();
      const { students } = result.data as unknown as StudentPage;
      expect(students.totalCount).toBe(STUDENT_COUNT);
      seen.push(...students.edges.map((e) => e.node.id));
      if (!students.pageInfo.hasNextPage) break;
      after = students.pageInfo.endCursor;
    }
    expect(seen).toEqual(fixture.students.map((s) => s.XH).sort());
  });

  it('pushes the district filter into the WHERE clause and counts with the same filter', async () => {
    const before = fixture.statements.length;
    const result = await fixture.run(PAGE, { first: 5, filter: { district: '440111' } });
    expect(result.errors).toBeUndefined();
    const expected = fixture.students.filter((s) => fixture.source.schools.find((x) => x.XXDM === s.XXDM)!.XZQHM === '440111');
    expect((result.data as unknown as StudentPage).students.totalCount).toBe(expected.length);
    const logged = fixture.statements.slice(before);
    expect(logged).toHaveLength(2);
    for (const [i, sql] of logged.entries()) {
      expect(sql).toMatch(/WHERE .*xzqhm = ANY\(\$1::text\[\]\)/);
      expect(sql).not.toContain('440111');
      expect(fixture.params[before + i]![0]).toEqual(['440111']);
    }
  });

  it('combines filters with AND', async () => {
    // Student 3 is male, transferred out (planted), in a 211 school.
    const { XXDM: school, NJ: grade } = fixture.students[3]!;
    const result = await fixture.run(PAGE, { first: 500, filter: { school, gender: '1', status: 'TRANSFERRED_OUT', runningType: '211', grade } });
    expect(result.errors).toBeUndefined();
    const expected = fixture.students.filter((s) => s.XXDM === school && s.XBM === '1' && s.XSDQZTM === '03' && s.NJ === grade);
    expect(expected.length).toBeGreaterThan(0);
    expect((result.data as unknown as StudentPage).students.edges.map((e) => e.node.id)).toEqual(expected.map((s) => s.XH).sort());
  });

  it('counts only in-school students in a class size', async () => {
    const classId = fixture.students[3]!.BJDM;
    const result = await fixture.run('query ($id: ID!) { _entities(representations: [{ __typename: "Class", id: $id }]) { ... on Class { size students { id } } } }', { id: classId });
    expect(result.errors).toBeUndefined();
    const members = fixture.students.filter((s) => s.BJDM === classId);
    expect(result.data).toEqual({ _entities: [{
      size: members.filter((s) => s.XSDQZTM === '01').length,
      students: members.map((s) => ({ id: s.XH })).sort((a, b) => a.id.localeCompare(b.id)),
    }] });
  });

  it('filters and pages schools', async () => {
    const result = await fixture.run('{ schools(first: 3, filter: { district: "440103", runningType: "341" }) { totalCount edges { node { code district { code } runningType { code } } } pageInfo { hasNextPage } } }');
    expect(result.errors).toBeUndefined();
    const expected = fixture.source.schools.filter((s) => s.XZQHM === '440103' && s.XXBXLXM === '341');
    const { schools } = result.data as { schools: { totalCount: number; edges: Array<{ node: { code: string } }>; pageInfo: { hasNextPage: boolean } } };
    expect(schools.totalCount).toBe(expected.length);
    expect(schools.edges.map((e) => e.node.code)).toEqual(expected.map((s) => s.XXDM).sort().slice(0, 3));
    expect(schools.pageInfo.hasNextPage).toBe(expected.length > 3);
  });

  it.each([
    ['first above the maximum', { first: 100_000 }, 'first'],
    ['a cursor this list never returned', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ['an unknown grade', { filter: { grade: '99' } }, 'filter.grade'],
    ['an unknown sex code', { filter: { gender: '3' } }, 'filter.gender'],
    ['a district outside Guangzhou', { filter: { district: '110105' } }, 'filter.district'],
    ['a malformed school code', { filter: { school: '12' } }, 'filter.school'],
  ])('refuses %s with BAD_USER_INPUT before any statement', async (_case, variables, argument) => {
    const { result, statements } = await fixture.count(PAGE, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, coordinate: 'Query.students' });
    expect(statements).toBe(0);
  });

  it('refuses an unknown status through the enum, naming the argument', async () => {
    const result = await fixture.run(PAGE, { filter: { status: 'EXPELLED' } });
    expect(result.errors?.[0]?.message).toMatch(/status/);
  });

  it('answers UPSTREAM_UNAVAILABLE when a statement outlasts the timeout', async () => {
    const blocker = await connectTestClient(fixture.url);
    const slow = createStudentServices({ cellKeySecret: 'test-cell-key-secret', databaseUrl: fixture.url, maxPageSize: 500, poolSize: 1, statementTimeoutMs: 300 });
    try {
      // A lock held in an open transaction: PostgreSQL makes readers wait for it, PGlite's socket queues every other connection.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE xsjbxx IN ACCESS EXCLUSIVE MODE');
      const context = contextFor(studentSubgraph, slow);
      const resolve = studentSubgraph.resolvers.Query as Record<string, (...args: unknown[]) => Promise<unknown>>;
      await expect(resolve.students!({}, { first: 1 }, context, {})).rejects.toMatchObject({
        extensions: { code: 'UPSTREAM_UNAVAILABLE', system: 'student-status', coordinate: 'Query.students' },
      });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
      await slow.close();
    }
    const after = await fixture.run('{ students(first: 1) { edges { node { id } } } }');
    expect(after.errors).toBeUndefined();
  });

  it('answers null for ids that do not exist', async () => {
    const result = await fixture.run('{ student(id: "nobody") { id } school(code: "2144999999") { code } }');
    expect(result).toEqual({ data: { student: null, school: null } });
  });
});
