import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createUnitTree, effectivePermissions, fixedUnits, serializePermissions } from '../../policies';
import { loadKeyPair } from '../../platform/keys';
import { CONTEXT_HEADER, signContext } from '../../platform/signed-context';
import { poolCatalog } from '../../scripts/pool-parts';
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
  const body = { query: '{ schools(first: 1) { totalCount } }', variables: {} };
  const claims = () => ({
    unit: '440100', requestId: 'r', tokenId: 't',
    permissions: serializePermissions(effectivePermissions({
      unit: '440100', unitTree: createUnitTree(fixedUnits), catalog: poolCatalog(), grants: [], token: {}, now: new Date(),
    })),
  });
  const post = (context: string) => fetch(pool.pool.subgraphs.student.url, {
    method: 'POST', headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: context }, body: JSON.stringify(body),
  });

  it('signed by the pool is answered once, and refused when replayed', async () => {
    const keys = await loadKeyPair('context', { dataDir: pool.config.DATA_DIR }, true);
    const context = await signContext(keys, 'student', claims(), body, 60);
    expect((await post(context)).status).toBe(200);
    const replay = await post(context);
    expect(replay.status).toBe(401);
    expect((await replay.json() as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('forged with another key is refused', async () => {
    const forger = await loadKeyPair('context', { dataDir: mkdtempSync(path.join(tmpdir(), 'edupool-forger-')) }, true);
    const response = await post(await signContext(forger, 'student', claims(), body, 60));
    expect(response.status).toBe(401);
    expect(await response.json()).not.toHaveProperty('data');
  });
});
