import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SettableClock } from '../../platform/clock';
import { legacyCallTotals } from '../../platform/legacy-calls';
import { startTestPool, type GraphQLReply, type TestPool } from '../support/test-pool';

/**
 * The share types of the Measures, end to end over HTTP with a clock the test
 * moves: refusals name the resource (and legal basis), an application is
 * decided with conditions that then shape what is served, grants expire, and
 * the audit trail is tamper-evident.
 */
const clock = new SettableClock();
let pool: TestPool;

beforeAll(async () => {
  clock.set(new Date('2026-11-25T02:00:00Z'));
  pool = await startTestPool({}, clock);
});

afterAll(async () => {
  await pool?.close();
});

type Errors = NonNullable<GraphQLReply['body']['errors']>;
const codes = (errors: Errors | undefined) => (errors ?? []).map((e) => e.extensions?.code);

async function ok(query: string, unit: string, variables: Record<string, unknown> = {}) {
  const reply = await pool.graphql(query, { unit, variables });
  expect(reply.body.errors).toBeUndefined();
  return reply.body.data!;
}

const APPLY = `mutation ($input: ApplyForShareInput!) { applyForShare(input: $input) { id status deadline grant { id } history { toStatus actor reason } } }`;
const DECIDE = `mutation ($id: ID!, $conditions: GrantConditionsInput, $decision: ShareDecision!, $reason: String) {
  decideShareApplication(id: $id, decision: $decision, conditions: $conditions, reason: $reason) { id status grant { id } } }`;
const ID_NUMBERS = '{ students(first: 30) { edges { node { id idNumber school { district { code } } } } } }';

describe('public security asks for student ID numbers', () => {
  let applicationId = '';

  it('is NOT_GRANTED, naming the resource to apply for, at no legacy cost for that field', async () => {
    const { body } = await pool.graphql('{ students(first: 3) { edges { node { idNumber } } } }', { unit: 'GZGAJ' });
    const refusals = body.errors!.filter((e) => e.extensions?.coordinate === 'Student.idNumber');
    expect(refusals).toEqual([expect.objectContaining({
      path: ['students', 'edges', '@', 'node', 'idNumber'],
      extensions: expect.objectContaining({ code: 'NOT_GRANTED', resource: 'GZJY-XS-002' }),
    })]);
    expect(refusals[0]!.message).toMatch(/applyForShare/);
  });

  it('applies; the city bureau approves masked IDs for one district; the served IDs are masked and only of that district', async () => {
    const applied = await ok(APPLY, 'GZGAJ', { input: {
      resources: ['GZJY-XS-001', 'GZJY-XS-002'], fields: ['Query.students', 'Student.id', 'Student.school', 'Student.idNumber'],
      purpose: '户籍核查', rowScope: ['440106', '440111'], validUntil: '2026-12-31',
    } });
    const application = applied.applyForShare as { id: string; status: string; deadline: string; grant: unknown };
    expect(application.status).toBe('SUBMITTED');
    expect(application.grant).toBeNull();
    applicationId = application.id;

    const wrongUnit = await pool.graphql(DECIDE, { unit: '440106', variables: { id: applicationId, decision: 'APPROVE' } });
    expect(codes(wrongUnit.body.errors)).toEqual(['FORBIDDEN']);
    expect(wrongUnit.body.errors?.[0]?.message).toMatch(/may not approve share application .*only the providing unit 440100 may/);

    await ok(DECIDE, '440100', { id: applicationId, decision: 'APPROVE', conditions: {
      rowScope: ['440106'], masks: [{ coordinate: 'Student.idNumber', mask: 'ID_NUMBER_REGION_AND_CHECK' }],
    } });

    pool.studentQueries.length = 0;
    // The grant is bound to its purpose: the read declares it (here in the token).
    const { body } = await pool.graphql(ID_NUMBERS, { token: await pool.token('GZGAJ', { purpose: '户籍核查' }) });
    expect(codes(body.errors).filter((c) => c !== 'NOT_GRANTED')).toEqual([]);
    const edges = (body.data!.students as { edges: Array<{ node: { idNumber: string | null } }> }).edges;
    expect(edges.length).toBeGreaterThan(0);
    for (const { node } of edges) if (node.idNumber) expect(node.idNumber).toMatch(/^440\d{3}\*{11}[\dX]$/);
    const rows = await pool.legacySql<{ xzqhm: string }>(
      'SELECT DISTINCT x.xzqhm FROM xsjbxx s JOIN xxjbxx x ON x.xxdm = s.xxdm WHERE s.xh = ANY($1)',
      [edges.map((e) => (e.node as unknown as { id?: string }).id).filter(Boolean)],
    );
    expect(rows.map((r) => r.xzqhm).every((d) => d === '440106')).toBe(true);
    const listSql = pool.studentQueries.find((q) => /FROM xsjbxx/.test(q.sql) && /xzqhm/.test(q.sql));
    expect(listSql).toBeDefined();
    expect(JSON.stringify(listSql!.params)).toContain('440106');
  });

  it('after validUntil the ID numbers are NOT_GRANTED again', async () => {
    clock.set(new Date('2027-01-02T02:00:00Z'));
    const { body } = await pool.graphql('{ students(first: 3) { edges { node { idNumber } } } }', {
      token: await pool.token('GZGAJ'),
    });
    expect(codes(body.errors)).toContain('NOT_GRANTED');
    clock.set(new Date('2026-11-25T02:00:00Z'));
  });
});

describe('share types', () => {
  it('a refused governance field keeps its message, and the other fields of the same fetch are answered', async () => {
    const applied = await ok(APPLY, 'GZWJW', { input: {
      resources: ['GZJY-XS-001'], fields: ['Query.students', 'Student.id', 'Student.name'], purpose: '学生体检', validUntil: '2027-01-31',
    } });
    const id = (applied.applyForShare as { id: string }).id;
    const { status, body } = await pool.graphql('query ($id: ID!) { myAccess { coordinate } shareApplication(id: $id) { id } }', { unit: '440106', variables: { id } });
    expect(status).toBe(200);
    expect(codes(body.errors)).toEqual(['FORBIDDEN']);
    expect(body.errors?.[0]?.message).toMatch(/only its applicant GZWJW, endorser, provider 440100 or the city bureau may/);
    expect(body.data?.shareApplication).toBeNull();
    expect((body.data?.myAccess as unknown[]).length).toBeGreaterThan(50);
  });

  it('a not-shared field is NOT_SHARED with its legal basis and costs no legacy call', async () => {
    const before = await legacyCallTotals();
    const { body } = await pool.graphql('{ student(id: "x") { healthStatus { code name } } }', { unit: '440100' });
    const after = await legacyCallTotals();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_SHARED', coordinate: 'Student.healthStatus', resource: 'GZJY-XS-006' });
    expect(String(body.errors?.[0]?.extensions?.legalBasis)).toMatch(/个人信息保护法/);
    expect(after['student-status'] ?? 0).toBe(before['student-status'] ?? 0);
  });

  it('an unconditional application gives access at once', async () => {
    const titles = '{ teachers(first: 2) { edges { node { title { name } } } } }';
    expect(codes((await pool.graphql(titles, { unit: 'GZRSJ' })).body.errors)).toContain('NOT_GRANTED');
    const applied = await ok(APPLY, 'GZRSJ', { input: {
      resources: ['GZJY-JS-003'], fields: ['Teacher.title'], purpose: '职称统计', validUntil: '2026-12-31',
    } });
    expect((applied.applyForShare as { status: string }).status).toBe('APPROVED');
    const { body } = await pool.graphql('{ teachers(first: 2) { edges { node { title { name } } } } }', { unit: 'GZRSJ' });
    expect(codes(body.errors).filter((c) => c !== 'NOT_GRANTED')).toEqual([]);
  });

  it('an application left 16 days is overdue in supervision', async () => {
    const applied = await ok(APPLY, 'GZWJW', { input: {
      resources: ['GZJY-XS-001'], fields: ['Student.name'], purpose: '疫苗接种', validUntil: '2026-12-31',
    } });
    const id = (applied.applyForShare as { id: string }).id;
    clock.advance(16 * 24 * 3600 * 1000);
    const data = await ok('{ supervision { overdueApplications { id } } }', '440100');
    expect((data.supervision as { overdueApplications: Array<{ id: string }> }).overdueApplications.map((a) => a.id)).toContain(id);
    clock.set(new Date('2026-11-25T02:00:00Z'));
  });

  it('a district bureau reads its own students without applying, and another district\'s student is NOT_GRANTED (it was never granted)', async () => {
    const [own] = await pool.legacySql<{ xh: string }>("SELECT s.xh FROM xsjbxx s JOIN xxjbxx x ON x.xxdm = s.xxdm WHERE x.xzqhm = '440106' LIMIT 1");
    const [other] = await pool.legacySql<{ xh: string }>("SELECT s.xh FROM xsjbxx s JOIN xxjbxx x ON x.xxdm = s.xxdm WHERE x.xzqhm = '440104' LIMIT 1");
    const mine = await ok('query ($id: ID!) { student(id: $id) { name idNumber } }', '440106', { id: own!.xh });
    expect((mine.student as { name: string }).name).toBeTruthy();
    const { body } = await pool.graphql('query ($id: ID!) { student(id: $id) { name } }', { unit: '440106', variables: { id: other!.xh } });
    expect(codes(body.errors)).toEqual(['NOT_GRANTED']);
  });
});

describe('audit', () => {
  it('records who saw a student, and audit:verify names a tampered entry', async () => {
    const [row] = await pool.legacySql<{ xh: string }>("SELECT s.xh FROM xsjbxx s JOIN xxjbxx x ON x.xxdm = s.xxdm WHERE x.xzqhm = '440106' LIMIT 1");
    await ok('query ($id: ID!) { student(id: $id) { name } }', '440106', { id: row!.xh });
    const data = await ok('query ($id: ID!) { accessesOfRecord(studentId: $id) { unit { code } } }', '440100', { id: row!.xh });
    expect((data.accessesOfRecord as Array<{ unit: { code: string } }>).map((a) => a.unit.code)).toContain('440106');

    const store = pool.pool.store.pool;
    const [victim] = (await store.query('SELECT seq FROM audit_entries ORDER BY seq LIMIT 1 OFFSET 1')).rows as Array<{ seq: string }>;
    await store.query('ALTER TABLE audit_entries DISABLE TRIGGER ALL');
    await store.query("UPDATE audit_entries SET unit = 'GZTJJ' WHERE seq = $1", [victim!.seq]);
    await store.query('ALTER TABLE audit_entries ENABLE TRIGGER ALL');
    await pool.pool.close();
    const verify = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../scripts/audit-verify.ts')], {
      env: { ...process.env, DATA_DIR: pool.config.DATA_DIR, NODE_OPTIONS: '', ...(pool.config.DATABASE_URL ? { DATABASE_URL: pool.config.DATABASE_URL } : {}) },
      encoding: 'utf8',
    });
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain(`#${victim!.seq}`);
  });
});
