import { genderByCode, ethnicityByCode, titleFromName } from '../../policies';
import { legacyCallTotals } from '../../platform/legacy-calls';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * One unified, authenticated schema over the three legacy systems, seen from a
 * client: values equal the legacy rows after translation, lists cost a
 * constant number of legacy calls, and every bad token is UNAUTHENTICATED.
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

async function callsDuring(work: () => Promise<unknown>): Promise<{ sql: number; teacher: number; csv: number }> {
  const before = await legacyCallTotals();
  await work();
  const after = await legacyCallTotals();
  const diff = (system: string) => (after[system] ?? 0) - (before[system] ?? 0);
  return { sql: diff('student-status'), teacher: diff('teacher-hr'), csv: diff('facility') };
}

interface StudentRowSample {
  xh: string; xm: string; xbm: string; mzm: string; csrq: string; sfzjh: string; xjh: string; xxdm: string; bjdm: string; rxny: string;
}

describe('records come back as the legacy rows hold them, translated', () => {
  it('students: gender, ethnicity, ISO dates, ID and 学籍号 of sampled rows', async () => {
    const rows = await pool.legacySql<StudentRowSample>(
      'SELECT xh, xm, xbm, mzm, csrq, sfzjh, xjh, xxdm, bjdm, rxny FROM xsjbxx ORDER BY md5(xh) LIMIT 25');
    for (const row of rows) {
      const { body } = await pool.graphql(`query ($id: ID!) { student(id: $id) {
        id name gender { code label } ethnicity { code letters name } birthDate idNumber studentNumber studentNumberKind enrolledOn
        school { code } class { id } } }`, { variables: { id: row.xh } });
      expect(body.errors).toBeUndefined();
      const ethnicity = ethnicityByCode(row.mzm);
      expect(body.data?.student).toEqual({
        id: row.xh,
        name: row.xm,
        gender: { code: row.xbm, label: genderByCode(row.xbm).label },
        ethnicity: ethnicity ? { code: ethnicity.code, letters: ethnicity.letters, name: ethnicity.name } : null,
        birthDate: `${row.csrq.slice(0, 4)}-${row.csrq.slice(4, 6)}-${row.csrq.slice(6, 8)}`,
        idNumber: row.sfzjh === '' ? null : row.sfzjh,
        studentNumber: row.xjh,
        studentNumberKind: row.xjh.charAt(0),
        enrolledOn: `${row.rxny.slice(0, 4)}-${row.rxny.slice(4, 6)}`,
        school: { code: row.xxdm },
        class: { id: row.bjdm },
      });
    }
  });

  it('head teachers: text gender becomes GB/T 2261.1, old titles land on the 2015 ladder', async () => {
    const { body } = await pool.graphql(`{ schools(first: 5) { edges { node { code classes { id headTeacher { id gender { code label } title { rank name legacyName } birthDate } } } } } }`);
    expect(body.errors).toBeUndefined();
    const teachers = (body.data?.schools as { edges: Array<{ node: { classes: Array<{ headTeacher: { id: string; gender: { code: string }; title: { rank: string; name: string; legacyName: string | null }; birthDate: string } }> } }> })
      .edges.flatMap((e) => e.node.classes.map((c) => c.headTeacher));
    expect(teachers.length).toBeGreaterThan(20);
    const sample = teachers.slice(0, 100);
    const response = await fetch(`${pool.pool.legacy.teacherApiUrl}/api/v1/teachers/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': pool.config.LEGACY_TEACHER_API_KEY },
      body: JSON.stringify({ ids: sample.map((t) => t.id) }),
    });
    const records = await response.json() as Array<{ GH: string; XB: string; ZC: string; CSRQ: string }>;
    const byId = new Map(records.map((r) => [r.GH, r]));
    for (const teacher of sample) {
      const record = byId.get(teacher.id)!;
      expect(teacher.gender.code).toBe(record.XB === '男' ? '1' : '2');
      const title = titleFromName(record.ZC);
      expect(teacher.title).toEqual({ rank: title.rank, name: title.name, legacyName: record.ZC !== title.name && record.ZC !== '' ? record.ZC : null });
      expect(teacher.birthDate).toBe(`${record.CSRQ.slice(0, 4)}-${record.CSRQ.slice(4, 6)}-${record.CSRQ.slice(6, 8)}`);
    }
    expect(sample.some((t) => t.title.legacyName !== null)).toBe(true);
  });

  it('buildings: the GBK export\'s values, with the school linked across subgraphs', async () => {
    const { body } = await pool.graphql(`{ buildings(first: 200, filter: { appraisalGrade: D }) { totalCount edges { node { id appraisalGrade yearBuilt area school { code name district { code } } } } } }`);
    expect(body.errors).toBeUndefined();
    const connection = body.data?.buildings as { totalCount: number; edges: Array<{ node: { appraisalGrade: string; school: { name: string } } }> };
    expect(connection.totalCount).toBeGreaterThan(0);
    for (const { node } of connection.edges) {
      expect(node.appraisalGrade).toBe('D');
      expect(node.school.name).toMatch(/学|校/);
    }
  });
});

describe('lists cost a constant number of legacy calls', () => {
  const listQuery = `query ($first: Int!) { students(first: $first) { totalCount edges { node { id name
    school { name district { name } } class { name size headTeacher { name title { name } } } } } } }`;

  it('students with school, class and head teacher: SQL constant in N, teacher calls = ⌈distinct ids / 100⌉', async () => {
    const figures: Array<{ n: number; sql: number; teacher: number; distinctTeachers: number }> = [];
    for (const n of [20, 100, 500]) {
      let reply: Awaited<ReturnType<TestPool['graphql']>> | undefined;
      const calls = await callsDuring(async () => {
        reply = await pool.graphql(listQuery, { variables: { first: n } });
      });
      expect(reply!.body.errors).toBeUndefined();
      const edges = (reply!.body.data?.students as { edges: Array<{ node: { class: { headTeacher: { name: string } | null } } }> }).edges;
      expect(edges).toHaveLength(n);
      const distinctTeachers = new Set(edges.map((e) => e.node.class.headTeacher?.name)).size;
      figures.push({ n, sql: calls.sql, teacher: calls.teacher, distinctTeachers });
    }
    expect(new Set(figures.map((f) => f.sql)).size).toBe(1);
    for (const f of figures) expect(f.teacher).toBe(Math.ceil(f.distinctTeachers / 100));
  });

  it('hundreds of distinct head teachers are fetched in batches of at most 100', async () => {
    let reply: Awaited<ReturnType<TestPool['graphql']>> | undefined;
    const calls = await callsDuring(async () => {
      reply = await pool.graphql('{ schools(first: 20) { edges { node { classes { headTeacher { id name } } } } } }');
    });
    expect(reply!.body.errors).toBeUndefined();
    const ids = new Set((reply!.body.data?.schools as { edges: Array<{ node: { classes: Array<{ headTeacher: { id: string } }> } }> })
      .edges.flatMap((e) => e.node.classes.map((c) => c.headTeacher.id)));
    expect(ids.size).toBeGreaterThan(100);
    expect(calls.teacher).toBe(Math.ceil(ids.size / 100));
    expect(calls.csv).toBe(0);
  });

  it('facility data is served from the parsed exports: no CSV read per request', async () => {
    const calls = await callsDuring(() => pool.graphql('{ schools(first: 20) { edges { node { buildings { id structure } } } } }'));
    expect(calls.csv).toBe(0);
  });
});

describe('bad input is a clear BAD_USER_INPUT', () => {
  it.each([
    ['first above the maximum', '{ students(first: 100000) { totalCount } }', 'first'],
    ['a cursor the list never returned', '{ students(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }', 'after'],
  ])('%s', async (_case, query, argument) => {
    const { status, body } = await pool.graphql(query);
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(JSON.stringify(body)).not.toMatch(/\bat \S+\.(ts|js):\d+|127\.0\.0\.1|postgres:\/\//);
  });

  it('a malformed operation', async () => {
    const { status, body } = await pool.graphql('{ students(first: 2) { edges { node { nosuchfield } } } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('authentication', () => {
  const query = '{ schools(first: 1) { totalCount } }';

  it('a valid token is served', async () => {
    const { status, body } = await pool.graphql(query, { unit: '440106' });
    expect(status).toBe(200);
    expect((body.data?.schools as { totalCount: number }).totalCount).toBeGreaterThan(15);
  });

  it.each<[string, () => Promise<string | null>]>([
    ['a malformed token', async () => 'abc.def'],
    ['a token signed by someone else', async () => {
      const [header, payload] = (await pool.token('440106')).split('.');
      return `${header}.${payload}.${Buffer.from('forged-signature-forged-signature-forged-signature-000').toString('base64url')}`;
    }],
    ['an expired token', () => pool.token('440106', { ttlSeconds: 1 }).then(async (t) => {
      await new Promise((resolve) => setTimeout(resolve, 2100));
      return t;
    })],
    ['a token naming a unit the pool does not know', () => pool.token('2144999999')],
  ])('%s gets UNAUTHENTICATED (401) and no data', async (_case, makeToken) => {
    const { status, body } = await pool.graphql(query, { token: await makeToken() });
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(/npm run token/);
  });

  it.each([
    ['_service', '{ _service { sdl } }'],
    ['_entities', '{ _entities(representations: [{ __typename: "School", code: "2144000001" }]) { ... on School { name } } }'],
    ['a plain query', '{ schools(first: 1) { totalCount } }'],
  ])('a direct call to a subgraph (%s) without the gateway\'s signed context gets nothing', async (_case, subgraphQuery) => {
    for (const part of Object.values(pool.pool.subgraphs)) {
      const response = await fetch(part.url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: subgraphQuery }),
      });
      const body = await response.json() as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
      expect(response.status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});
