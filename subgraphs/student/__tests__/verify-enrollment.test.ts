import { graphql, type ExecutionResult } from 'graphql';
import type { Permissions } from '../../../policies/permissions';
import { idNumberCheckCharacter } from '../../../policies/standards';
import { createBaseContext } from '../../kit/base-context';
import { buildGuardedSchema } from '../../kit/guarded-schema';
import { allowAllPermissions, claimsWith, districtScope, silentLogger, testPermissions } from '../../kit/__tests__/test-permissions';
import { studentSubgraph } from '../index';
import { withClient } from '../../../test/support/test-clients';
import { openFixture, type Fixture } from './harness';

/**
 * 学籍核验 in the student subgraph: the answer is three fields and nothing
 * else, a miss on the name looks exactly like an unknown ID number, the level
 * comes from the school's running type, the look-up is one statement by ID
 * number with the row scope in it, and refusals cost no statement.
 */
const valid = (first17: string) => `${first17}${idNumberCheckCharacter(first17)}`;
const PRIMARY_PUPIL = valid('44010620150101001');
const JUNIOR_PUPIL = valid('44010620110101003');
const TRANSFERRED = valid('44010620150101005');
const UNKNOWN = valid('44010620150101007');
const VERIFY = 'query ($id: String!, $name: String!) { verifyEnrollment(idNumber: $id, name: $name) { match enrolled schoolLevel } }';

let fixture: Fixture;
const schema = buildGuardedSchema(studentSubgraph, silentLogger);
const rows = new Map<string, { xh: string; xm: string }>();

beforeAll(async () => {
  fixture = await openFixture('pglite');
  await withClient(fixture.url, async (sql) => {
    // Give three students of the (now 九年一贯制) first school valid ID numbers: a primary and a junior pupil in school, one transferred out.
    await sql.query("UPDATE xxjbxx SET xxbxlxm = '312' WHERE xxdm = '2144000001'");
    const pick = async (grade: string, status: string, idNumber: string) => {
      const { rows: [row] } = await sql.query<{ xh: string; xm: string }>(
        "SELECT xh, xm FROM xsjbxx WHERE xxdm = '2144000001' AND nj = $1 AND xsdqztm = $2 AND xm NOT LIKE '%\t%' ORDER BY xh LIMIT 1", [grade, status]);
      await sql.query('UPDATE xsjbxx SET sfzjh = $1 WHERE xh = $2', [idNumber, row!.xh]);
      rows.set(idNumber, row!);
    };
    await pick('11', '01', PRIMARY_PUPIL);
    await pick('21', '01', JUNIOR_PUPIL);
    await pick('12', '03', TRANSFERRED);
  });
});
afterAll(async () => { await fixture?.close(); });

async function verify(idNumber: string, name: string, options: { permissions?: Permissions; purpose?: string | null } = {}) {
  const claims = claimsWith(options.permissions ?? allowAllPermissions('GZGAJ'));
  const purpose = options.purpose === undefined ? '入学资格核查' : options.purpose;
  const contextValue = studentSubgraph.createContext(fixture.services, createBaseContext({ ...claims, ...(purpose ? { purpose } : {}) }));
  const before = fixture.statements.length;
  const result: ExecutionResult = await graphql({ schema, source: VERIFY, variableValues: { id: idNumber, name }, contextValue });
  return { result, statements: fixture.statements.slice(before).map((sql, i) => ({ sql, params: fixture.params[before + i]! })) };
}

const nameOf = (idNumber: string) => rows.get(idNumber)!.xm;

describe('verifyEnrollment', () => {
  it('answers match, enrolled and the level for a pupil in school, and nothing more', async () => {
    const { result } = await verify(PRIMARY_PUPIL, nameOf(PRIMARY_PUPIL));
    expect(result).toEqual({ data: { verifyEnrollment: { match: true, enrolled: true, schoolLevel: 'PRIMARY' } } });
    const junior = await verify(JUNIOR_PUPIL, ` ${nameOf(JUNIOR_PUPIL)} `);
    expect(junior.result.data).toEqual({ verifyEnrollment: { match: true, enrolled: true, schoolLevel: 'JUNIOR' } });
  });

  it('matches a transferred-out record without calling it enrolled', async () => {
    const { result } = await verify(TRANSFERRED, nameOf(TRANSFERRED));
    expect(result.data).toEqual({ verifyEnrollment: { match: true, enrolled: false, schoolLevel: null } });
  });

  it('answers a wrong name exactly as an unknown ID number: no hint which part failed', async () => {
    const wrongName = await verify(PRIMARY_PUPIL, '张冒名');
    const unknown = await verify(UNKNOWN, nameOf(PRIMARY_PUPIL));
    expect(wrongName.result).toEqual({ data: { verifyEnrollment: { match: false, enrolled: false, schoolLevel: null } } });
    expect(unknown.result).toEqual(wrongName.result);
  });

  it('reads one statement by ID number, only the compared columns, the row scope in its WHERE clause', async () => {
    const tianhe = testPermissions({ unit: '440106', scope: districtScope('440106', ['2144000001']) });
    const { result, statements } = await verify(PRIMARY_PUPIL, nameOf(PRIMARY_PUPIL), { permissions: tianhe });
    expect(result.data).toEqual({ verifyEnrollment: { match: true, enrolled: true, schoolLevel: 'PRIMARY' } });
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toMatch(/^SELECT s\.xm, s\.xsdqztm, s\.nj, x\.xxbxlxm FROM xsjbxx s JOIN xxjbxx x .* WHERE s\.sfzjh = \$1 AND \(x\.xzqhm = ANY\(\$2::text\[\]\) OR x\.xxdm = ANY\(\$3::text\[\]\)\)$/);
    expect(statements[0]!.params).toEqual([PRIMARY_PUPIL, ['440106'], ['2144000001']]);
    const baiyun = testPermissions({ unit: '440111', scope: districtScope('440111', ['3144000002']) });
    expect((await verify(PRIMARY_PUPIL, nameOf(PRIMARY_PUPIL), { permissions: baiyun })).result.data)
      .toEqual({ verifyEnrollment: { match: false, enrolled: false, schoolLevel: null } });
  });

  it('refuses a malformed ID number with BAD_USER_INPUT naming idNumber, before any statement', async () => {
    const wrongCheck = `${PRIMARY_PUPIL.slice(0, 17)}${PRIMARY_PUPIL.endsWith('0') ? '1' : '0'}`;
    const month13 = valid('44010620151301001');
    for (const bad of [wrongCheck, '12345', month13]) {
      const { result, statements } = await verify(bad, '陈0');
      expect(result.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'idNumber', coordinate: 'Query.verifyEnrollment' })]);
      expect(statements).toEqual([]);
    }
    const { result } = await verify(PRIMARY_PUPIL, '   ');
    expect(result.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'name' }));
  });

  it('is FORBIDDEN without a purpose on the token, and NOT_GRANTED without a grant, at no legacy cost', async () => {
    const noPurpose = await verify(PRIMARY_PUPIL, nameOf(PRIMARY_PUPIL), { purpose: null });
    expect(noPurpose.result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(noPurpose.result.errors?.[0]?.message).toMatch(/GZJY-HY-001 requires every call to state its purpose/);
    expect(noPurpose.statements).toEqual([]);
    const refused = await verify(PRIMARY_PUPIL, nameOf(PRIMARY_PUPIL), { permissions: testPermissions({ unit: 'GZGAJ', refuse: { 'Query.verifyEnrollment': 'NOT_GRANTED' } }) });
    expect(refused.result.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'NOT_GRANTED', resource: 'GZJY-HY-001' })]);
    expect(refused.statements).toEqual([]);
  });
});
