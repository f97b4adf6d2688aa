import { randomBytes } from 'node:crypto';
import { verifyAuditChain } from '../../store/audit/verify-chain';
import { withClient } from '../support/create-test-database';
import { startPrivatePgBouncer, type PrivatePgBouncer } from '../support/private-pgbouncer';
import { startTestPool, type GraphQLReply, type TestPool } from '../support/test-pool';

/**
 * Issue 11 item 5: the governance store through PgBouncer in transaction
 * mode, where consecutive transactions of one client may run on different
 * server connections, so nothing may rely on session state. A private
 * PgBouncer on a spare port fronts a fresh database of this file's own on the
 * machine's PostgreSQL (DATABASE_URL's server, else 127.0.0.1:5432); the whole
 * pool keeps its governance store there, and the sharing workflow, the audit
 * trail and token revocation run through it.
 */
const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const database = `edupool_t_pgb_${randomBytes(5).toString('hex')}`;
let bouncer: PrivatePgBouncer;
let pool: TestPool;

beforeAll(async () => {
  await withClient(serverUrl.toString(), (client) => client.query(`CREATE DATABASE ${database}`));
  bouncer = await startPrivatePgBouncer({
    host: serverUrl.hostname, port: Number(serverUrl.port || 5432), user: decodeURIComponent(serverUrl.username || 'postgres'), database,
  });
  // Subgraph fetches wait up to twice this: concurrent applications queue for PgBouncer's four server connections.
  pool = await startTestPool({ DATABASE_URL: bouncer.url, LEGACY_TIMEOUT_MS: '10000' });
});

afterAll(async () => {
  await pool?.close();
  await bouncer?.stop();
  await withClient(serverUrl.toString(), (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
});

const codes = (reply: GraphQLReply) => (reply.body.errors ?? []).map((e) => e.extensions?.code);
const ID_NUMBERS = '{ students(first: 3) { edges { node { id idNumber } } } }';
const APPLY = 'mutation ($input: ApplyForShareInput!) { applyForShare(input: $input) { id status } }';
const input = {
  resources: ['GZJY-XS-001', 'GZJY-XS-002'], fields: ['Query.students', 'Student.id', 'Student.idNumber'],
  purpose: '疫苗接种核查', validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
};

it('applies, decides, serves and revokes a grant with the store behind PgBouncer', async () => {
  const before = await bouncer.transactions();
  expect(codes(await pool.graphql(ID_NUMBERS, { token: await pool.token('GZWJW', { purpose: '疫苗接种核查' }) }))).toContain('NOT_GRANTED');
  const applied = await pool.graphql(APPLY, { unit: 'GZWJW', variables: { input } });
  expect(applied.body.errors).toBeUndefined();
  const { id } = applied.body.data!.applyForShare as { id: string };
  const decided = await pool.graphql('mutation ($id: ID!) { decideShareApplication(id: $id, decision: APPROVE) { status grants { id resource } } }', {
    unit: '440100', variables: { id },
  });
  const approval = decided.body.data!.decideShareApplication as { status: string; grants: Array<{ id: string; resource: string }> };
  expect(approval.status).toBe('APPROVED');

  const served = await pool.graphql(ID_NUMBERS, { token: await pool.token('GZWJW', { purpose: '疫苗接种核查' }) });
  expect(served.body.errors).toBeUndefined();
  expect((served.body.data!.students as { edges: Array<{ node: { idNumber: string } }> }).edges[0]!.node.idNumber).toBeTruthy();

  const grant = approval.grants.find((g) => g.resource === 'GZJY-XS-002')!;
  const revoked = await pool.graphql('mutation ($id: ID!) { revokeGrant(id: $id, reason: "核查完成") { id } }', { unit: '440100', variables: { id: grant.id } });
  expect(revoked.body.errors).toBeUndefined();
  expect(codes(await pool.graphql(ID_NUMBERS, { token: await pool.token('GZWJW', { purpose: '疫苗接种核查' }) }))).toContain('NOT_GRANTED');
  expect(await bouncer.transactions()).toBeGreaterThan(before);
});

it('keeps every one of many concurrent applications, more than PgBouncer has server connections', async () => {
  const replies = await Promise.all(Array.from({ length: 12 }, () => pool.graphql(APPLY, { unit: 'GZWJW', variables: { input } })));
  expect(replies.map((reply) => reply.body.errors)).toEqual(replies.map(() => undefined));
  const ids = new Set(replies.map((reply) => (reply.body.data!.applyForShare as { id: string }).id));
  expect(ids.size).toBe(12);
  const listed = await pool.graphql('{ shareApplications(first: 100) { id } }', { unit: 'GZWJW' });
  const known = new Set((listed.body.data?.shareApplications as Array<{ id: string }> | undefined)?.map((a) => a.id) ?? []);
  for (const applicationId of ids) expect(known.has(applicationId)).toBe(true);
});

it('records the reads in an audit trail whose chain verifies', async () => {
  const trail = await pool.graphql('{ auditTrail(filter: { unit: "GZWJW" }) { edges { node { served } } } }', { unit: '440100' });
  expect(trail.body.errors).toBeUndefined();
  const entries = (trail.body.data!.auditTrail as { edges: Array<{ node: { served: string[] } }> }).edges.map((e) => e.node);
  expect(entries.some((entry) => entry.served.includes('Student.idNumber'))).toBe(true);
  const verified = await verifyAuditChain(pool.pool.store.pool);
  expect(verified).toEqual({ ok: true, entries: expect.any(Number) });
  expect(verified.entries).toBeGreaterThanOrEqual(entries.length);
});
