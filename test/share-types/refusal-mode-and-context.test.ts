import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createUnitTree, effectivePermissions, fixedUnits, serializePermissions } from '../../policies';
import { loadPoolKeys, poolCatalog, poolSealer } from '../../scripts/pool-parts';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Whole-request rejection when the operator configures it, and the subgraphs'
 * refusal of a forged or replayed gateway context.
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool({ REFUSAL_MODE: 'reject' });
});

afterAll(async () => {
  await pool?.close();
});

it('with REFUSAL_MODE=reject a refused field rejects the whole request: no data, every refusal named', async () => {
  const { body } = await pool.graphql('{ schools(first: 2) { totalCount } students(first: 2) { edges { node { idNumber } } } }', { unit: 'GZGAJ' });
  expect(body.data).toBeUndefined();
  expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.coordinate])).toEqual([
    ['NOT_GRANTED', 'Query.students'],
    ['NOT_GRANTED', 'Student.idNumber'],
  ]);
});

it('with REFUSAL_MODE=reject an allowed request is served as usual', async () => {
  const { body } = await pool.graphql('{ schools(first: 2) { totalCount } }', { unit: 'GZGAJ' });
  expect(body.errors).toBeUndefined();
  expect((body.data?.schools as { totalCount: number }).totalCount).toBe(20);
});

describe('a direct subgraph call with a gateway context', () => {
  const body = JSON.stringify({ query: '{ schools(first: 1) { totalCount } }', variables: {} });
  const claims = () => ({
    unit: '440100', requestId: 'r', tokenId: 't',
    permissions: serializePermissions(effectivePermissions({
      unit: '440100', unitTree: createUnitTree(fixedUnits), catalog: poolCatalog(), grants: [], token: {}, now: new Date(),
    })),
  });
  /** Sends as the sealer sends, and keeps the last request it sent (headers and bytes), as a wiretap would. */
  const capturing = () => {
    const sent: Array<{ url: string; init: RequestInit }> = [];
    return { sent, fetch: (url: string, init: RequestInit) => { sent.push({ url, init }); return fetch(url, init); } };
  };

  it('sealed by the pool is answered once, and refused when replayed', async () => {
    const wire = capturing();
    const sealer = poolSealer(pool.config, await loadPoolKeys(pool.config, true));
    expect((await sealer.fetch(pool.pool.subgraphs.student.url, 'student', claims(), body, { fetch: wire.fetch })).status).toBe(200);
    const replay = await fetch(wire.sent.at(-1)!.url, wire.sent.at(-1)!.init);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ errors: [{ message: expect.stringContaining('replayed'), extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('sealed with other keys is refused', async () => {
    const forgerDir = mkdtempSync(path.join(tmpdir(), 'edupool-forger-'));
    const forger = poolSealer(pool.config, await loadPoolKeys({ ...pool.config, DATA_DIR: forgerDir }, true));
    const response = await forger.fetch(pool.pool.subgraphs.student.url, 'student', claims(), body);
    expect(response.status).toBe(401);
    expect(await response.json()).not.toHaveProperty('data');
    await rm(forgerDir, { recursive: true, force: true });
  });
});
