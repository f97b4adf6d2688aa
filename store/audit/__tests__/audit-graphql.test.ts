import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, type GraphQLSchema } from 'graphql';
import { governanceSubgraph, type GovernanceContext } from '../../../subgraphs/governance';
import { createAuditLog } from '../audit-log';
import { recordAuditVerification } from '../audit-verifications';
import { createAuditTestStore, type AuditTestStore } from './audit-test-store';
import { auditEntry, silentLogger } from './audit-fixtures';

/**
 * The audit and supervision queries of the governance subgraph
 * (subgraphs/governance/audit-schema.graphql and audit-resolvers.ts), run
 * in-process on the merged subgraph schema against a real store.
 */
let store: AuditTestStore;
let schema: GraphQLSchema;
const NOW = new Date('2025-03-01T12:00:00.000Z');

beforeAll(async () => {
  store = await createAuditTestStore();
  schema = buildSubgraphSchema([{ typeDefs: governanceSubgraph.typeDefs, resolvers: governanceSubgraph.resolvers as never }]);
  await store.pool.query(`INSERT INTO units (code, name, type, parent, synced_at) VALUES
    ('440100', '广州市教育局', 'CITY_BUREAU', NULL, now()), ('GZGAJ', '广州市公安局', 'PARTNER_DEPARTMENT', NULL, now())`);
  let minute = 0;
  const log = createAuditLog(store.pool, {
    clock: { now: () => new Date(Date.UTC(2025, 2, 1, 8, minute)) }, logger: silentLogger,
  });
  const entries = [
    auditEntry(1, { unit: '440106', records: [{ type: 'Student', id: 'S1', grantIds: [] }] }),
    auditEntry(2, { unit: 'GZGAJ', grantIds: ['g-7'], recordCounts: { 'GZJY-XS-001': 2 },
      records: [{ type: 'Student', id: 'S1', grantIds: ['g-7'] }, { type: 'Student', id: 'S2', grantIds: ['g-7'] }] }),
    auditEntry(3, { unit: 'GZGAJ', served: ['Query.teachers', 'Teacher.name'], refused: [], records: [] }),
  ];
  for (const entry of entries) {
    await log.append(entry);
    minute++;
  }
});
afterAll(async () => {
  await store.drop();
});

async function run(unit: string, query: string, variables: Record<string, unknown> = {}) {
  const context = {
    request: { unit, requestId: 'r-test', tokenId: 't-test' },
    services: { store: { pool: store.pool }, maxPageSize: 500, clock: { now: () => NOW } },
  } as unknown as GovernanceContext;
  const result = await graphql({ schema, source: query, variableValues: variables, contextValue: context });
  return JSON.parse(JSON.stringify(result)) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: string[]; extensions: Record<string, unknown> }> };
}

const TRAIL = `query ($filter: AuditTrailFilter) { auditTrail(filter: $filter) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { seq requestId at unit { code name } purpose served refused { coordinate code } recordCounts { resource count } grantIds } } } }`;

describe('Query.auditTrail', () => {
  test('the city bureau pages through the trail, newest first', async () => {
    const first = await run('440100', TRAIL, { filter: { first: 2 } });
    expect(first.errors).toBeUndefined();
    const page = first.data!.auditTrail as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: Record<string, unknown> }> };
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.edges.map((e) => e.node.requestId)).toEqual(['req-3', 'req-2']);
    expect(page.edges[1]!.node).toEqual({
      seq: '2', requestId: 'req-2', at: '2025-03-01T08:01:00.000Z', unit: { code: 'GZGAJ', name: '广州市公安局' },
      purpose: '学位核验 enrolment check', served: ['Query.student', 'Student.name'],
      refused: [{ coordinate: 'Student.idNumber', code: 'NOT_GRANTED' }], recordCounts: [{ resource: 'GZJY-XS-001', count: 2 }], grantIds: ['g-7'],
    });
    const second = await run('440100', TRAIL, { filter: { first: 2, after: page.pageInfo.endCursor } });
    const rest = second.data!.auditTrail as typeof page;
    expect(rest.edges.map((e) => e.node.requestId)).toEqual(['req-1']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  test('filters combine', async () => {
    const result = await run('440100', TRAIL, { filter: { unit: 'GZGAJ', coordinate: 'Student.name', from: '2025-03-01T16:00:00+08:00' } });
    const page = result.data!.auditTrail as { totalCount: number; edges: Array<{ node: { requestId: string } }> };
    expect({ total: page.totalCount, ids: page.edges.map((e) => e.node.requestId) }).toEqual({ total: 1, ids: ['req-2'] });
  });

  test('a day in the filter starts at Guangzhou midnight (16:00 UTC the day before)', async () => {
    const total = async (filter: Record<string, string>) =>
      ((await run('440100', TRAIL, { filter })).data!.auditTrail as { totalCount: number }).totalCount;
    expect(await total({ from: '2025-03-01' })).toBe(3);
    expect(await total({ to: '2025-03-01' })).toBe(0);
    expect(await total({ from: '2025-03-01T16:01:00+08:00', to: '2025-03-02' })).toBe(2);
  });

  test.each(['440106', 'GZGAJ', '4401060001'])('unit %s is FORBIDDEN', async (unit) => {
    expect(await run(unit, TRAIL)).toEqual({
      data: null,
      errors: [{
        message: 'Your unit may not read the audit trail: only the city bureau (440100), whose data office supervises data sharing, may.',
        path: ['auditTrail'], locations: [{ line: 1, column: 37 }], extensions: { code: 'FORBIDDEN', http: { status: 403 } },
      }],
    });
  });

  test.each([
    [{ first: 501 }, 'filter.first', 'Argument filter.first: must be between 0 and 500, got 501.'],
    [{ after: 'bm90LWEtY3Vyc29y' }, 'filter.after', 'Argument filter.after: is not a cursor this list returned. Use pageInfo.endCursor of the previous page.'],
    [{ after: Buffer.from('c:1 OR 1=1').toString('base64url') }, 'filter.after', 'Argument filter.after: is not a cursor this list returned. Use pageInfo.endCursor of the previous page.'],
    [{ from: 'yesterday' }, 'filter.from', 'Argument filter.from: yesterday is not a date (YYYY-MM-DD) or an ISO 8601 instant with its offset (2025-03-01T08:00:00+08:00).'],
    [{ to: '2025-03-01T00:00:00' }, 'filter.to', 'Argument filter.to: 2025-03-01T00:00:00 is not a date (YYYY-MM-DD) or an ISO 8601 instant with its offset (2025-03-01T08:00:00+08:00).'],
    [{ to: '2025-02-30T00:00:00Z' }, 'filter.to', 'Argument filter.to: 2025-02-30T00:00:00Z is not a date (YYYY-MM-DD) or an ISO 8601 instant with its offset (2025-03-01T08:00:00+08:00).'],
    [{ from: '2025-13-01' }, 'filter.from', 'Argument filter.from: 2025-13-01 is not a date (YYYY-MM-DD) or an ISO 8601 instant with its offset (2025-03-01T08:00:00+08:00).'],
    [{ coordinate: 'Student' }, 'filter.coordinate', 'Argument filter.coordinate: Student is not a schema coordinate (Type.field, e.g. Student.idNumber).'],
  ])('bad input %j is BAD_USER_INPUT naming %s', async (filter, argument, message) => {
    const result = await run('440100', TRAIL, { filter });
    expect(result.errors).toEqual([{
      message, path: ['auditTrail'], locations: [{ line: 1, column: 37 }],
      extensions: { code: 'BAD_USER_INPUT', argument, coordinate: 'Query.auditTrail' },
    }]);
  });
});

const ACCESSES = 'query ($id: ID!, $first: Int) { accessesOfRecord(studentId: $id, first: $first) { at unit { code name } purpose grantIds requestId } }';

describe('Query.accessesOfRecord', () => {
  test('the city bureau sees every unit that was served the student', async () => {
    expect(await run('440100', ACCESSES, { id: 'S1' })).toEqual({ data: { accessesOfRecord: [
      { at: '2025-03-01T08:01:00.000Z', unit: { code: 'GZGAJ', name: '广州市公安局' }, purpose: '学位核验 enrolment check', grantIds: ['g-7'], requestId: 'req-2' },
      { at: '2025-03-01T08:00:00.000Z', unit: { code: '440106', name: null }, purpose: '学位核验 enrolment check', grantIds: [], requestId: 'req-1' },
    ] } });
  });

  test('any other unit sees only its own accesses', async () => {
    const own = await run('440106', ACCESSES, { id: 'S1' });
    expect((own.data!.accessesOfRecord as Array<{ requestId: string }>).map((a) => a.requestId)).toEqual(['req-1']);
    expect(await run('GZWJW', ACCESSES, { id: 'S1' })).toEqual({ data: { accessesOfRecord: [] } });
  });

  test('first above 1000 is BAD_USER_INPUT', async () => {
    const result = await run('440100', ACCESSES, { id: 'S1', first: 1001 });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first', coordinate: 'Query.accessesOfRecord' });
  });
});

const SUPERVISION = `{ supervision { pendingApplications overdueApplications { id } applicationsByStatus { status count }
  grantsActive grantsRevoked auditEntries lastAuditVerification {
    verifiedAt ok entries brokenAtSeq brokenReason sealedAtSeq sealedAt sealProblem sealDetail } } }`;

describe('Query.supervision', () => {
  test('the city bureau sees the figures and the last chain verification', async () => {
    expect(await run('440100', SUPERVISION)).toEqual({ data: { supervision: {
      pendingApplications: 0, overdueApplications: [], applicationsByStatus: [], grantsActive: 0, grantsRevoked: 0,
      auditEntries: 3, lastAuditVerification: null,
    } } });
    await recordAuditVerification(store.pool, { ok: false, entries: 2, brokenAt: { seq: '2', id: 'x', reason: 'hash mismatch' } }, NOW);
    const after = await run('440100', SUPERVISION);
    expect((after.data!.supervision as Record<string, unknown>).lastAuditVerification).toEqual({
      verifiedAt: '2025-03-01T12:00:00.000Z', ok: false, entries: 2, brokenAtSeq: '2', brokenReason: 'hash mismatch',
      sealedAtSeq: null, sealedAt: null, sealProblem: null, sealDetail: null,
    });
  });

  test('it shows what the seal found: a cut tail with the chain intact', async () => {
    const seal = { seq: '5', hash: 'a'.repeat(64), sealedAt: '2025-03-01T11:00:00.000Z', reason: 'scheduled' as const };
    await recordAuditVerification(store.pool, { ok: true, entries: 3 }, NOW, { kind: 'tail missing', seal, lastSeq: '3', fromSeq: '4', toSeq: '5' });
    const result = await run('440100', SUPERVISION);
    expect((result.data!.supervision as Record<string, unknown>).lastAuditVerification).toEqual({
      verifiedAt: '2025-03-01T12:00:00.000Z', ok: false, entries: 3, brokenAtSeq: null, brokenReason: null,
      sealedAtSeq: '5', sealedAt: '2025-03-01T11:00:00.000Z', sealProblem: 'tail missing',
      sealDetail: 'entries #4–#5 sealed at 2025-03-01T11:00:00.000Z are missing (#3 is the last entry before them)',
    });
  });

  test('any other unit is FORBIDDEN', async () => {
    const result = await run('440106', SUPERVISION);
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => [e.message, e.extensions.code])).toEqual([[
      'Your unit may not read the supervision figures: only the city bureau (440100), whose data office supervises data sharing, may.', 'FORBIDDEN',
    ]]);
  });
});
