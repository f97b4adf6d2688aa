import { SettableClock } from '../../platform/clock';
import { startTestPool, type GraphQLReply, type TestPool } from '../support/test-pool';

/**
 * Purpose binding and honest refusals over HTTP (issue 10, items 2 and 3):
 * a read under a grant whose purpose is fixed declares that purpose (the
 * x-edupool-purpose header or the token's claim) or is NOT_GRANTED naming
 * it; a field never granted is NOT_GRANTED, never OUT_OF_SCOPE; an expired
 * grant is NOT_GRANTED saying when it ended; a refused field is null at its
 * own path while its siblings and its list survive; the audit records the
 * purpose declared.
 */
const clock = new SettableClock();
let pool: TestPool;

beforeAll(async () => {
  clock.set(new Date('2026-11-25T02:00:00Z'));
  pool = await startTestPool({}, clock);
}, 600_000);
afterAll(async () => { await pool?.close(); });

type Body = GraphQLReply['body'];
const PURPOSE = '户籍迁入审核';
const APPLY = 'mutation ($input: ApplyForShareInput!) { applyForShare(input: $input) { id status } }';
const DECIDE = 'mutation ($id: ID!) { decideShareApplication(id: $id, decision: APPROVE) { status } }';
const VERIFY = 'query ($id: String!, $name: String!) { verifyEnrollment(idNumber: $id, name: $name) { match } }';
const codes = (body: Body) => (body.errors ?? []).map((e) => e.extensions?.code);

async function ask(unit: string, query: string, options: { variables?: Record<string, unknown>; tokenPurpose?: string; header?: string } = {}): Promise<Body> {
  const token = await pool.token(unit, options.tokenPurpose ? { purpose: options.tokenPurpose } : {});
  const headers: Record<string, string> = options.header === undefined ? {} : { 'x-edupool-purpose': encodeURIComponent(options.header) };
  return (await pool.graphql(query, { token, variables: options.variables ?? {}, headers })).body;
}

async function grant(unit: string, input: Record<string, unknown>): Promise<void> {
  const applied = await ask(unit, APPLY, { variables: { input: { purpose: PURPOSE, validUntil: '2026-12-31', ...input } } });
  expect(applied.errors).toBeUndefined();
  const { id } = applied.data!.applyForShare as { id: string };
  expect((await ask('440100', DECIDE, { variables: { id } })).data).toEqual({ decideShareApplication: { status: 'APPROVED' } });
}

describe('a grant whose purpose is fixed (学籍核验, GZJY-HY-001)', () => {
  let variables: Record<string, unknown>;

  beforeAll(async () => {
    const [pupil] = await pool.legacySql<{ sfzjh: string; xm: string }>("SELECT sfzjh, xm FROM xsjbxx WHERE xsdqztm = '01' AND sfzjh <> '' ORDER BY xh LIMIT 1");
    variables = { id: pupil!.sfzjh, name: pupil!.xm };
    await grant('GZGAJ', { resources: ['GZJY-HY-001'], fields: ['Query.verifyEnrollment'] });
  });

  it('refuses a read that declares no purpose with NOT_GRANTED naming the grant\'s purpose and how to declare it', async () => {
    const body = await ask('GZGAJ', VERIFY, { variables });
    expect(body.data).toEqual({ verifyEnrollment: null });
    expect(body.errors).toEqual([{
      message: expect.stringMatching(new RegExp(`only for the purpose "${PURPOSE}", and this request declared no purpose\\. Declare the grant's purpose in the x-edupool-purpose header`)),
      path: ['verifyEnrollment'],
      extensions: expect.objectContaining({ code: 'NOT_GRANTED', resource: 'GZJY-HY-001', grantPurposes: [PURPOSE], declaredPurpose: null }),
    }]);
  });

  it('refuses a read that declares another purpose, in the header or in the token', async () => {
    for (const body of [await ask('GZGAJ', VERIFY, { variables, header: '其他用途' }), await ask('GZGAJ', VERIFY, { variables, tokenPurpose: '其他用途' })]) {
      expect(codes(body)).toEqual(['NOT_GRANTED']);
      expect(body.errors![0]!.extensions).toMatchObject({ grantPurposes: [PURPOSE], declaredPurpose: '其他用途' });
    }
  });

  it('serves a read that declares the grant\'s purpose, in the header (percent-encoded UTF-8) or in the token', async () => {
    for (const body of [await ask('GZGAJ', VERIFY, { variables, header: PURPOSE }), await ask('GZGAJ', VERIFY, { variables, tokenPurpose: PURPOSE })]) {
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ verifyEnrollment: { match: true } });
    }
  });

  it('refuses a header that contradicts the token\'s purpose as a whole, 403', async () => {
    const token = await pool.token('GZGAJ', { purpose: PURPOSE });
    const reply = await pool.graphql(VERIFY, { token, variables, headers: { 'x-edupool-purpose': encodeURIComponent('其他用途') } });
    expect(reply.status).toBe(403);
    expect(codes(reply.body)).toEqual(['FORBIDDEN']);
  });

  it('refuses a header that is not percent-encoded UTF-8 with BAD_USER_INPUT, 400', async () => {
    const token = await pool.token('GZGAJ');
    const reply = await pool.graphql(VERIFY, { token, variables, headers: { 'x-edupool-purpose': '%E6%88' } });
    expect(reply.status).toBe(400);
    expect(codes(reply.body)).toEqual(['BAD_USER_INPUT']);
  });

  it('records the declared purpose in every audit row, and none where none was declared', async () => {
    const trail = await ask('440100', '{ auditTrail(filter: { unit: "GZGAJ", coordinate: "Query.verifyEnrollment" }) { edges { node { purpose served refused { code } } } } }');
    const rows = (trail.data!.auditTrail as { edges: Array<{ node: { purpose: string | null; served: string[]; refused: Array<{ code: string }> } }> }).edges.map((e) => e.node);
    const served = rows.filter((r) => r.served.includes('Query.verifyEnrollment')).map((r) => r.purpose);
    const refused = rows.filter((r) => r.refused.length > 0).map((r) => r.purpose).sort();
    expect(served).toEqual([PURPOSE, PURPOSE]);
    expect(refused).toEqual(['其他用途', '其他用途', null].sort());
  });
});

describe('a field never granted', () => {
  it('is NOT_GRANTED for a partner, naming the resource to apply for', async () => {
    const body = await ask('GZWJW', '{ students(first: 1) { edges { node { idNumber } } } }');
    expect(body.data).toEqual({ students: null });
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.coordinate, e.extensions?.resource])).toEqual([
      ['NOT_GRANTED', 'Query.students', 'GZJY-XS-001'], ['NOT_GRANTED', 'Student.idNumber', 'GZJY-XS-002'],
    ]);
  });

  it('is NOT_GRANTED, not OUT_OF_SCOPE, for a record outside the jurisdiction of a bureau that holds no grant', async () => {
    const [other] = await pool.legacySql<{ xh: string }>("SELECT s.xh FROM xsjbxx s JOIN xxjbxx x ON x.xxdm = s.xxdm WHERE x.xzqhm <> '440106' ORDER BY s.xh LIMIT 1");
    const body = await ask('440106', 'query ($id: ID!) { student(id: $id) { name } }', { variables: { id: other!.xh } });
    expect(body.data).toEqual({ student: null });
    expect(codes(body)).toEqual(['NOT_GRANTED']);
  });
});

describe('a refusal inside a list', () => {
  it('nulls the refused field of each record at its own path; its siblings and the list survive', async () => {
    await grant('GZJYYJY', { resources: ['GZJY-XS-001'], fields: ['Query.students', 'Student.id', 'Student.gender', 'Student.school'] });
    // The names are granted over one school only; the page holds students of that school and of another.
    const schools = await pool.legacySql<{ xxdm: string }>('SELECT DISTINCT xxdm FROM xsjbxx ORDER BY xxdm LIMIT 2');
    const [school, other] = schools.map((s) => s.xxdm) as [string, string];
    await grant('GZJYYJY', { resources: ['GZJY-XS-001'], fields: ['Student.name'], rowScope: [school] });
    const page = (code: string) => `students(first: 10, filter: { school: "${code}" }) { edges { node { id gender { code } name school { code } } } }`;
    const body = await ask('GZJYYJY', `{ inside: ${page(school)} outside: ${page(other)} }`, { header: PURPOSE });
    expect((body.errors ?? []).filter((e) => e.extensions?.code !== 'OUT_OF_SCOPE')).toEqual([]);
    type Page = { edges: Array<{ node: { id: string; gender: unknown; name: string | null; school: { code: string } } }> };
    const inside = (body.data!.inside as Page).edges.map((e) => e.node);
    const outside = (body.data!.outside as Page).edges.map((e) => e.node);
    expect(outside.length).toBeGreaterThan(0);
    expect(inside.length).toBeGreaterThan(0);
    expect(outside.every((n) => n.name === null && n.id !== null && n.gender !== null && n.school.code === other)).toBe(true);
    expect(inside.every((n) => typeof n.name === 'string')).toBe(true);
    const errors = body.errors ?? [];
    expect(errors).toHaveLength(outside.length);
    expect(errors.every((e) => e.extensions?.code === 'OUT_OF_SCOPE' && e.path?.at(-1) === 'name')).toBe(true);
  });
});

describe('an expired grant', () => {
  it('is NOT_GRANTED saying when it expired, never an empty answer', async () => {
    await grant('GZMZJ', { resources: ['GZJY-HY-001'], fields: ['Query.verifyEnrollment'] });
    clock.set(new Date('2027-01-05T02:00:00Z'));
    const body = await ask('GZMZJ', VERIFY, { variables: { id: '11010519491231002X', name: '张三' }, header: PURPOSE });
    expect(body.data).toEqual({ verifyEnrollment: null });
    expect(body.errors).toEqual([expect.objectContaining({
      message: expect.stringContaining('expired at 2026-12-31T16:00:00.000Z'),
      extensions: expect.objectContaining({ code: 'NOT_GRANTED', resource: 'GZJY-HY-001', expiredAt: '2026-12-31T16:00:00.000Z' }),
    })]);
  });
});
