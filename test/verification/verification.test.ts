import { readFile } from 'node:fs/promises';
import type { TeacherRecord } from '../../legacy/records';
import { legacyDataPaths } from '../../legacy/data-dir';
import { schoolLevelOf } from '../../policies/standards';
import { SettableClock } from '../../platform/clock';
import { startTestPool, type GraphQLReply, type TestPool } from '../support/test-pool';

/**
 * 核验 for partner departments end to end over HTTP: public security applies
 * for the enrollment verification alone, the provider approves, and then a
 * yes/no answer comes back with nothing of the record; the purpose is
 * required and bound to the grant; each call is audited with its purpose and
 * without the ID number. Human resources verifies a teacher qualification.
 */
const clock = new SettableClock();
let pool: TestPool;

beforeAll(async () => {
  clock.set(new Date('2026-11-25T02:00:00Z'));
  pool = await startTestPool({}, clock);
});
afterAll(async () => { await pool?.close(); });

const PURPOSE = '户籍迁入审核';
const codes = (body: GraphQLReply['body']) => (body.errors ?? []).map((e) => e.extensions?.code);
const ENROLLMENT = 'query ($id: String!, $name: String!) { verifyEnrollment(idNumber: $id, name: $name) { match enrolled schoolLevel } }';
const QUALIFICATION = 'query ($id: String!, $name: String!, $kind: String!) { verifyTeacherQualification(idNumber: $id, name: $name, kind: $kind) { qualified } }';
const APPLY = 'mutation ($input: ApplyForShareInput!) { applyForShare(input: $input) { id status } }';
const DECIDE = 'mutation ($id: ID!) { decideShareApplication(id: $id, decision: APPROVE) { status } }';

async function as(unit: string, query: string, variables: Record<string, unknown>, purpose: string | null = PURPOSE) {
  const token = await pool.token(unit, purpose ? { purpose } : {});
  return (await pool.graphql(query, { token, variables })).body as GraphQLReply['body'] & { extensions?: Record<string, unknown> };
}

async function grant(unit: string, resource: string, coordinate: string, purpose: string) {
  const applied = await as(unit, APPLY, { input: { resources: [resource], fields: [coordinate], purpose, validUntil: '2026-12-31' } }, null);
  expect(applied.errors).toBeUndefined();
  const id = (applied.data!.applyForShare as { id: string; status: string }).id;
  const decided = await as('440100', DECIDE, { id }, null);
  expect(decided.data).toEqual({ decideShareApplication: { status: 'APPROVED' } });
}

describe('enrollment verification (GZJY-HY-001)', () => {
  let pupil: { sfzjh: string; xm: string; nj: string; xxbxlxm: string };

  beforeAll(async () => {
    const [row] = await pool.legacySql<typeof pupil>(
      `SELECT s.sfzjh, s.xm, s.nj, x.xxbxlxm FROM xsjbxx s JOIN xxjbxx x ON x.xxdm = s.xxdm
       WHERE s.xsdqztm = '01' AND s.sfzjh <> '' ORDER BY s.xh LIMIT 1`);
    pupil = row!;
  });

  it('is NOT_GRANTED before an application, and a conditional catalog resource of its own', async () => {
    const body = await as('GZGAJ', ENROLLMENT, { id: pupil.sfzjh, name: pupil.xm });
    expect(body.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'NOT_GRANTED', resource: 'GZJY-HY-001' })]);
    const catalog = (await as('GZGAJ', '{ catalog { code shareType allowedConditions { purposeRequired } } }', {}, null)).data!.catalog as Array<{ code: string }>;
    expect(catalog.filter((r) => r.code.startsWith('GZJY-HY-'))).toEqual([
      { code: 'GZJY-HY-001', shareType: 'CONDITIONAL', allowedConditions: { purposeRequired: true } },
      { code: 'GZJY-HY-002', shareType: 'CONDITIONAL', allowedConditions: { purposeRequired: true } },
    ]);
  });

  it('once granted, answers the three facts and nothing of the record', async () => {
    await grant('GZGAJ', 'GZJY-HY-001', 'Query.verifyEnrollment', PURPOSE);
    const body = await as('GZGAJ', ENROLLMENT, { id: pupil.sfzjh, name: pupil.xm });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ verifyEnrollment: { match: true, enrolled: true, schoolLevel: schoolLevelOf(pupil.xxbxlxm, pupil.nj) } });
    expect(body.extensions?.disputes).toBeUndefined();
    const wrongName = await as('GZGAJ', ENROLLMENT, { id: pupil.sfzjh, name: `${pupil.xm}某` });
    const unknown = await as('GZGAJ', ENROLLMENT, { id: '11010519491231002X', name: pupil.xm });
    expect(wrongName.data).toEqual({ verifyEnrollment: { match: false, enrolled: false, schoolLevel: null } });
    expect(unknown).toEqual(wrongName);
  });

  it('grants the answer without any field of the record', async () => {
    const body = await as('GZGAJ', '{ students(first: 1) { edges { node { name } } } }', {});
    expect(codes(body)).toEqual(expect.arrayContaining(['NOT_GRANTED']));
  });

  it('requires a purpose, the one the grant was made for', async () => {
    const mixed = 'query ($id: String!, $name: String!) { verifyEnrollment(idNumber: $id, name: $name) { match } schools(first: 1) { totalCount } }';
    const noPurpose = await as('GZGAJ', mixed, { id: pupil.sfzjh, name: pupil.xm }, null);
    expect(codes(noPurpose)).toEqual(['NOT_GRANTED']);
    expect(noPurpose.errors![0]!.message).toMatch(/only for the purpose "户籍迁入审核", and this request declared no purpose/);
    // The refusal costs only its own field: the open school directory of the same fetch is answered.
    expect((noPurpose.data!.schools as { totalCount: number }).totalCount).toBeGreaterThan(0);
    expect(codes(await as('GZGAJ', ENROLLMENT, { id: pupil.sfzjh, name: pupil.xm }, '其他用途'))).toEqual(['NOT_GRANTED']);
  });

  it('refuses a malformed ID number with BAD_USER_INPUT naming the argument', async () => {
    const body = await as('GZGAJ', ENROLLMENT, { id: `${pupil.sfzjh.slice(0, 17)}${pupil.sfzjh.endsWith('0') ? '1' : '0'}`, name: pupil.xm });
    expect(body.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'idNumber' })]);
  });

  it('audits every call with its purpose, and never the ID number in clear', async () => {
    const trail = await as('440100', '{ auditTrail(filter: { unit: "GZGAJ", coordinate: "Query.verifyEnrollment" }) { edges { node { purpose served refused { coordinate code } } } } }', {}, null);
    const entries = (trail.data!.auditTrail as { edges: Array<{ node: { purpose: string | null; served: string[]; refused: Array<{ code: string }> } }> }).edges.map((e) => e.node);
    const answered = entries.filter((e) => e.served.includes('Query.verifyEnrollment'));
    // Three answers and the malformed ID number under the grant's purpose; the calls without the grant's purpose are refused, each with the purpose it declared.
    expect(answered.map((e) => e.purpose).sort()).toEqual([PURPOSE, PURPOSE, PURPOSE, PURPOSE]);
    const refused = entries.filter((e) => e.refused.length > 0);
    expect(refused.map((e) => e.refused.map((r) => r.code))).toEqual([['NOT_GRANTED'], ['NOT_GRANTED'], ['NOT_GRANTED']]);
    expect(refused.map((e) => e.purpose).sort()).toEqual([PURPOSE, '其他用途', null].sort());
    const store = pool.pool.store.pool;
    const rows = await store.query('SELECT e.*, s.record_ids FROM audit_entries e LEFT JOIN audit_record_sets s ON s.audit_seq = e.seq WHERE e.unit = $1', ['GZGAJ']);
    expect(JSON.stringify(rows.rows)).not.toContain(pupil.sfzjh);
    expect(rows.rows.every((r: { record_ids: string[] | null }) => r.record_ids === null)).toBe(true);
  });
});

describe('teacher qualification verification (GZJY-HY-002)', () => {
  it('answers yes for the kind a teacher holds and no for another, once granted', async () => {
    const lines = (await readFile(legacyDataPaths(pool.config.DATA_DIR).teacherFile, 'utf8')).split('\n').filter(Boolean);
    const teacher = lines.map((line) => JSON.parse(line) as TeacherRecord).find((t) => t.JSZGZZL !== '' && /^\d{17}[\dX]$/.test(t.SFZJH))!;
    const variables = { id: teacher.SFZJH, name: teacher.XM, kind: teacher.JSZGZZL };
    expect(codes(await as('GZRSJ', QUALIFICATION, variables, '职称评审资格核查'))).toEqual(['NOT_GRANTED']);
    await grant('GZRSJ', 'GZJY-HY-002', 'Query.verifyTeacherQualification', '职称评审资格核查');
    expect((await as('GZRSJ', QUALIFICATION, variables, '职称评审资格核查')).data).toEqual({ verifyTeacherQualification: { qualified: true } });
    const other = teacher.JSZGZZL === '7' ? '1' : '7';
    expect((await as('GZRSJ', QUALIFICATION, { ...variables, kind: other }, '职称评审资格核查')).data).toEqual({ verifyTeacherQualification: { qualified: false } });
  });
});
