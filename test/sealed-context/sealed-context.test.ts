import { systemClock } from '../../platform/clock';
import { announceGrantChange, type HotState } from '../../platform/hot-state';
import type { Listening } from '../../platform/http-graphql';
import { createLogger } from '../../platform/logger';
import { ASSERTION_EXTENSION } from '../../platform/permissions-assertion';
import { CONTEXT_HEADER } from '../../platform/signed-context';
import {
  loadPoolKeys, openPoolHotState, poolCatalog, startGatewayPart, startStudentPart, type Part,
} from '../../scripts/pool-parts';
import { startRecordingProxy, startRefusingServer, type RecordedRequest, type RecordingProxy } from '../support/recording-proxy';
import { startTestPool, type GraphQLReply, type TestPool } from '../support/test-pool';

/**
 * The sealed gateway→subgraph context, attacked from the wire. Besides the
 * test pool (gateway A over student instance A), this file runs:
 * - student instance B, a second instance of the same subgraph, sharing only
 *   the hot state (the same Redis under REDIS_URL, as CI runs it; the same
 *   memory otherwise, as in one process);
 * - gateway C, whose student and teacher fetches go through a wiretap that
 *   records each one (headers and exact body bytes), and whose facility
 *   subgraph is a stand-in that refuses every fetch with a chosen status.
 */
let pool: TestPool;
let studentB: Part;
let hotStateB: HotState | undefined;
let gatewayC: Part;
let studentTap: RecordingProxy;
let teacherTap: RecordingProxy;
let refusing: Listening;
let refusalStatus = 431;
const logger = createLogger('silent', 'sealed-context');

beforeAll(async () => {
  pool = await startTestPool();
  const keys = await loadPoolKeys(pool.config, true);
  // Under Redis, instance B has a connection of its own, as a separate process would.
  hotStateB = pool.pool.hotState.kind === 'redis' ? await openPoolHotState(pool.config, logger) : undefined;
  studentB = await startStudentPart(pool.config, logger, keys, pool.pool.legacy.studentDbUrl, undefined, hotStateB ?? pool.pool.hotState);
  studentTap = await startRecordingProxy(pool.pool.subgraphs.student.url);
  teacherTap = await startRecordingProxy(pool.pool.subgraphs.teacher.url);
  refusing = await startRefusingServer(() => refusalStatus);
  gatewayC = await startGatewayPart(pool.config, logger, keys, {
    student: studentTap.url, teacher: teacherTap.url, facility: refusing.url, governance: pool.pool.subgraphs.governance.url,
  }, { store: pool.pool.store, hotState: pool.pool.hotState, unitTree: pool.pool.unitTree, catalog: poolCatalog(), clock: systemClock });
});

afterAll(async () => {
  await gatewayC?.close();
  await refusing?.close();
  await teacherTap?.close();
  await studentTap?.close();
  await studentB?.close();
  await hotStateB?.close();
  await pool?.close();
});

async function callC(query: string, unit: string): Promise<GraphQLReply> {
  const response = await fetch(gatewayC.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await pool.token(unit)}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() as GraphQLReply['body'] };
}

/** Sends a recorded fetch again, its headers as they were, its body as given (the recorded bytes unless tampered with). */
async function replay(url: string, captured: RecordedRequest, body = captured.body): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: captured.headers, body });
  return { status: response.status, json: await response.json() as Record<string, unknown> };
}

function refusedAs(reason: string) {
  return { errors: [{ message: expect.stringContaining(reason), extensions: { code: 'UNAUTHENTICATED' } }] };
}

const STUDENTS = 'query Names { students(first: 2) { edges { node { id name } } } }';

describe('a gateway→subgraph fetch captured on the wire', () => {
  let captured: RecordedRequest;

  beforeAll(async () => {
    const served = await callC(STUDENTS, '440100');
    expect(served.body.errors).toBeUndefined();
    expect((served.body.data?.students as { edges: unknown[] }).edges).toHaveLength(2);
    captured = studentTap.recorded.filter((r) => r.body.includes('students') && r.status === 200).at(-1)!;
    expect(captured.headers[CONTEXT_HEADER]).toBeDefined();
  });

  it('is refused by another instance of the same subgraph: nothing served', async () => {
    const { status, json } = await replay(studentB.url, captured);
    expect(status).toBe(401);
    expect(json).toEqual(refusedAs('replayed'));
  });

  it('is refused by the instance that served it', async () => {
    const { status, json } = await replay(pool.pool.subgraphs.student.url, captured);
    expect(status).toBe(401);
    expect(json).toEqual(refusedAs('replayed'));
  });

  it.each([
    ['extensions', (body: Record<string, unknown>) => ({ ...body, extensions: { ...(body.extensions as object), note: 1 } })],
    ['variables', (body: Record<string, unknown>) => ({ ...body, variables: { first: 500 } })],
    ['operationName', (body: Record<string, unknown>) => ({ ...body, operationName: 'Other' })],
    ['query', (body: Record<string, unknown>) => ({ ...body, query: String(body.query).replace('name', 'idNumber') })],
  ])('is refused with its %s changed, at either instance', async (_part, tamper) => {
    const tampered = JSON.stringify(tamper(JSON.parse(captured.body) as Record<string, unknown>));
    expect(tampered).not.toBe(captured.body);
    for (const url of [pool.pool.subgraphs.student.url, studentB.url]) {
      const { status, json } = await replay(url, captured, tampered);
      expect(status).toBe(401);
      expect(json).toEqual(refusedAs('does not match the request body'));
    }
  });

  it('carries a seal of a few hundred bytes and no permissions in its headers', () => {
    expect(captured.headers[CONTEXT_HEADER]!.length).toBeLessThan(1_000);
    expect(JSON.stringify(captured.headers)).not.toContain('Student.name');
  });
});

describe('a unit holding 500 grants', () => {
  // A district bureau reads its own schools' teachers; titles come from the grants, 500 times over.
  const UNIT = '440106';
  const TITLES = '{ schools(first: 2) { totalCount } teachers(first: 2) { edges { node { title { name } } } } }';

  beforeAll(async () => {
    const applied = await callC(`mutation { applyForShare(input: {
      resources: ["GZJY-JS-003"], fields: ["Teacher.title"], purpose: "职称统计", validUntil: "2026-12-31"
    }) { id status } }`, UNIT);
    const first = applied.body.data?.applyForShare as { id: string; status: string };
    expect(first.status).toBe('APPROVED');
    // The same unconditional application, re-applied through the store until the unit holds 500 grants.
    const { applications, grants } = pool.pool.store;
    const { id: _id, status: _status, decidedAt: _decidedAt, ...application } = (await applications.get(first.id))!;
    const [grant] = await grants.list({ grantee: UNIT });
    const draft = {
      resource: grant!.resource, coordinates: grant!.coordinates, rowScope: grant!.rowScope, masks: grant!.masks,
      purpose: grant!.purpose, validUntil: grant!.validUntil,
    };
    const event = { actorUnit: UNIT, actorToken: null, reason: null };
    for (let i = 1; i < 500; i += 1) {
      await applications.submit(application, event, { to: 'APPROVED', event: { ...event, reason: '无条件共享' }, grants: [draft] });
    }
    expect(await grants.activeFor(UNIT, new Date())).toHaveLength(500);
    await announceGrantChange(pool.pool.hotState, UNIT, logger);
  });

  it('sends its permissions to a subgraph once, in the body, and then names them by digest in a header of constant size', async () => {
    const from = teacherTap.recorded.length;
    for (let round = 0; round < 2; round += 1) {
      const { body } = await callC(TITLES, UNIT);
      expect(body.errors).toBeUndefined();
    }
    const fetches = teacherTap.recorded.slice(from);
    const withAssertion = fetches.filter((r) => ASSERTION_EXTENSION in ((JSON.parse(r.body) as { extensions?: object }).extensions ?? {}));
    expect(withAssertion).toHaveLength(1);
    expect(withAssertion[0]!.body.length).toBeGreaterThan(20_000);
    expect(fetches.map((r) => r.status)).toEqual([401, 200, 200]);
    for (const fetched of fetches) expect(fetched.headers[CONTEXT_HEADER]!.length).toBeLessThan(1_000);
  });

  it('is served through the other gateway over HTTP, the teacher subgraph already holding its permissions', async () => {
    const { status, body } = await pool.graphql(TITLES, { unit: UNIT });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect((body.data?.teachers as { edges: Array<{ node: { title: { name: string } | null } }> }).edges[0]!.node.title?.name).toEqual(expect.any(String));
  });
});

describe('a subgraph that refuses the gateway\'s fetch', () => {
  const BUILDINGS = '{ buildings(first: 1) { edges { node { id } } } }';

  it.each([
    [431, 'QUERY_TOO_COSTLY', 'too large (HTTP 431)'],
    [413, 'QUERY_TOO_COSTLY', 'too large (HTTP 413)'],
    [401, 'UPSTREAM_UNAVAILABLE', 'refused the gateway\'s request (HTTP 401)'],
    [403, 'UPSTREAM_UNAVAILABLE', 'refused the gateway\'s request (HTTP 403)'],
  ])('answering %i is reported as %s, saying it refused, never as a timeout', async (status, code, message) => {
    refusalStatus = status;
    const { body } = await callC(BUILDINGS, '440100');
    expect(body.errors).toEqual([expect.objectContaining({
      message: expect.stringContaining(message), extensions: expect.objectContaining({ code, subgraph: 'facility', status }),
    })]);
    expect(JSON.stringify(body)).not.toMatch(/did not answer|in time|127\.0\.0\.1/);
  });
});
