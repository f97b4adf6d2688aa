import { systemClock } from '../../platform/clock';
import { loadPoolKeys, poolCatalog, readUnitTree } from '../../scripts/pool-parts';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * The cache of non-personal entities: the school directory the gateway builds
 * its unit tree from is kept in the shared hot state, with nothing but codes,
 * names and districts, so an instance starting within its TTL builds the same
 * tree without asking the student subgraph.
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

it('holds the demo schools\' code, name and district only', async () => {
  const cached = JSON.parse((await pool.pool.hotState.get('entity:school-directory:all'))!) as Array<Record<string, string>>;
  expect(cached).toHaveLength(20);
  for (const entry of cached) expect(Object.keys(entry).sort()).toEqual(['code', 'district', 'name']);
  expect(cached).toContainEqual({ code: '2144017078', name: '广州市天河区珠江新城实验小学', district: '440106' });
});

it('lets another instance build the same unit tree with the student subgraph unreachable', async () => {
  const keys = await loadPoolKeys(pool.config, true);
  // Nothing listens on port 1: the tree can only come from the hot state.
  const tree = await readUnitTree(pool.config, keys, 'http://127.0.0.1:1/graphql', poolCatalog(), systemClock, pool.pool.hotState);
  expect(tree.all().map((u) => u.code).sort()).toEqual(pool.pool.unitTree.all().map((u) => u.code).sort());
  expect(tree.get('2144017078')?.parent).toBe('440106');
});

it('without the hot state, such an instance cannot start', async () => {
  const keys = await loadPoolKeys(pool.config, true);
  await expect(readUnitTree(pool.config, keys, 'http://127.0.0.1:1/graphql', poolCatalog(), systemClock)).rejects.toThrow();
});
