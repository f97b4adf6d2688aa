import { SettableClock } from '../../platform/clock';
import { startTestPool, type GraphQLReply, type TestPool } from '../support/test-pool';

/**
 * 校核纠错 end to end over HTTP, with a clock the test moves: a district
 * bureau that read a student objects to a field; a unit that never received
 * the record cannot; only the provider answers; each state is visible to the
 * parties; every other consumer reading the record is told it is disputed
 * until the answer; an objection left past its deadline shows in supervision.
 */
const clock = new SettableClock();
let pool: TestPool;
let studentId = '';

beforeAll(async () => {
  clock.set(new Date('2026-11-25T02:00:00Z'));
  pool = await startTestPool({}, clock);
  const [row] = await pool.legacySql<{ xh: string }>("SELECT s.xh FROM xsjbxx s JOIN xxjbxx x ON x.xxdm = s.xxdm WHERE x.xzqhm = '440106' ORDER BY s.xh LIMIT 1");
  studentId = row!.xh;
});
afterAll(async () => { await pool?.close(); });

type Reply = GraphQLReply['body'] & { extensions?: { disputes?: Array<Record<string, unknown>> } };
const codes = (body: GraphQLReply['body']) => (body.errors ?? []).map((e) => e.extensions?.code);

async function call(query: string, unit: string, variables: Record<string, unknown> = {}): Promise<Reply> {
  return (await pool.graphql(query, { unit, variables })).body as Reply;
}
async function ok(query: string, unit: string, variables: Record<string, unknown> = {}) {
  const body = await call(query, unit, variables);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const OBJECTION = 'id status coordinate recordId deadline overdue filedBy { code } provider { code } history { seq fromStatus toStatus actor { code } reason }';
const FILE = `mutation ($input: FileObjectionInput!) { fileObjection(input: $input) { ${OBJECTION} } }`;
const VERIFY = `mutation ($id: ID!) { verifyObjection(id: $id, reason: "调取学籍档案核对") { ${OBJECTION} } }`;
const ANSWER = `mutation ($id: ID!, $decision: ObjectionDecision!, $reason: String!) { answerObjection(id: $id, decision: $decision, reason: $reason) { ${OBJECTION} } }`;
const READ_STUDENT = 'query ($id: ID!) { student(id: $id) { id birthDate } }';
const birthDateObjection = () => ({ coordinate: 'Student.birthDate', recordId: studentId, reason: '与户籍登记的出生日期不符', proposedValue: '2015-03-02' });

describe('an objection to a student\'s birth date', () => {
  let id = '';

  it('cannot be filed by a unit that never received the record', async () => {
    const body = await call(FILE, 'GZGAJ', { input: birthDateObjection() });
    expect(codes(body)).toEqual(['FORBIDDEN']);
    expect(body.errors![0]!.message).toMatch(/only a unit that received the record/);
  });

  it('is filed by the district bureau that read the student, with the catalog\'s 15-day deadline', async () => {
    await ok(READ_STUDENT, '440106', { id: studentId });
    const filed = (await ok(FILE, '440106', { input: birthDateObjection() })).fileObjection as Record<string, unknown>;
    id = filed.id as string;
    expect(filed).toMatchObject({
      status: 'FILED', coordinate: 'Student.birthDate', recordId: studentId, overdue: false,
      filedBy: { code: '440106' }, provider: { code: '440100' },
      // Filed 2026-11-25 (Guangzhou): 15 natural days, to the end of 2026-12-10 in UTC+8.
      deadline: '2026-12-10T15:59:59.999Z',
      history: [{ seq: 1, fromStatus: null, toStatus: 'FILED', actor: { code: '440106' }, reason: '与户籍登记的出生日期不符' }],
    });
    const catalog = (await ok('{ catalog { code objectionDeadline { days calendar } } }', '440106')).catalog as Array<{ code: string }>;
    expect(catalog.find((r) => r.code === 'GZJY-XS-001')).toEqual({ code: 'GZJY-XS-001', objectionDeadline: { days: 15, calendar: 'NATURAL' } });
    const invalid = await call(FILE, '440106', { input: { ...birthDateObjection(), coordinate: 'Student.healthStatus' } });
    expect(codes(invalid)).toEqual(['BAD_USER_INPUT']);
  });

  it('is flagged to another consumer of the record, naming the field but not the claim', async () => {
    const body = await call(READ_STUDENT, '440100', { id: studentId });
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.disputes).toEqual([{
      recordType: 'Student', recordId: studentId, coordinate: 'Student.birthDate', objection: id, status: 'FILED',
      filedAt: expect.stringMatching(/^2026-11-25T02:/), deadline: '2026-12-10T15:59:59.999Z',
    }]);
    expect(JSON.stringify(body.extensions)).not.toContain('2015-03-02');
    const list = await call(`{ students(first: 5, filter: { district: "440106" }) { edges { node { id name } } } }`, '440100');
    expect(list.extensions?.disputes?.map((d) => d.objection)).toEqual([id]);
  });

  it('cannot be answered by the filer or an outside unit, nor read by an outsider', async () => {
    for (const unit of ['440106', 'GZGAJ']) {
      const answer = await call(ANSWER, unit, { id, decision: 'CORRECTED', reason: '已更正' });
      expect(codes(answer)).toEqual(['FORBIDDEN']);
      expect(answer.errors![0]!.message).toMatch(/only its providing unit 440100 may/);
      expect(codes(await call(VERIFY, unit, { id }))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await call(`query ($id: ID!) { objection(id: $id) { id } }`, 'GZGAJ', { id }))).toEqual(['FORBIDDEN']);
  });

  it('is verified, then answered with reasons by the provider; each state visible to the filer', async () => {
    const verifying = (await ok(VERIFY, '440100', { id })).verifyObjection as Record<string, unknown>;
    expect(verifying.status).toBe('VERIFYING');
    const seen = (await ok(`query ($id: ID!) { objection(id: $id) { status } }`, '440106', { id })).objection;
    expect(seen).toEqual({ status: 'VERIFYING' });
    expect((await call(READ_STUDENT, '440100', { id: studentId })).extensions?.disputes?.map((d) => d.status)).toEqual(['VERIFYING']);
    expect(codes(await call(ANSWER, '440100', { id, decision: 'CORRECTED', reason: '  ' }))).toEqual(['BAD_USER_INPUT']);

    const answered = (await ok(ANSWER, '440100', { id, decision: 'CORRECTED', reason: '核对户籍后已在学籍系统更正' })).answerObjection as Record<string, unknown>;
    expect(answered.status).toBe('CORRECTED');
    expect((answered.history as Array<Record<string, unknown>>).map((s) => [s.fromStatus, s.toStatus, (s.actor as { code: string }).code])).toEqual([
      [null, 'FILED', '440106'], ['FILED', 'VERIFYING', '440100'], ['VERIFYING', 'CORRECTED', '440100'],
    ]);
    expect(codes(await call(ANSWER, '440100', { id, decision: 'REJECTED', reason: '再答' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('is no longer flagged once answered', async () => {
    const body = await call(READ_STUDENT, '440100', { id: studentId });
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.disputes).toBeUndefined();
  });
});

describe('supervision', () => {
  it('shows an objection left past its deadline as overdue, to the city bureau only', async () => {
    const filed = (await ok(FILE, '440106', { input: { coordinate: 'Student.name', recordId: studentId, reason: '姓名用字有误' } })).fileObjection as { id: string };
    const before = (await ok('{ supervision { openObjections overdueObjections { id } } }', '440100')).supervision as { openObjections: number; overdueObjections: unknown[] };
    expect(before).toEqual({ openObjections: 1, overdueObjections: [] });

    clock.advance(16 * 24 * 3600 * 1000);
    const after = (await ok('{ supervision { openObjections overdueObjections { id overdue status filedBy { code } } } }', '440100')).supervision;
    expect(after).toEqual({ openObjections: 1, overdueObjections: [{ id: filed.id, overdue: true, status: 'FILED', filedBy: { code: '440106' } }] });
    const awaiting = (await ok('{ objections(filter: { role: AWAITING_ME, overdue: true }) { id } }', '440100')).objections;
    expect(awaiting).toEqual([{ id: filed.id }]);
    expect(codes(await call('{ supervision { openObjections } }', '440106'))).toEqual(['FORBIDDEN']);
    clock.set(new Date('2026-11-25T02:00:00Z'));
  });
});
