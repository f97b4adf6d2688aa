import type { Redis } from 'ioredis';
import { createTestRedis } from '../support/test-clients';
import { openHotState, revokedTokenKey, unitCutoffKey, DENYLIST_READY_KEY, type HotState } from '../../platform/hot-state';
import { announceGrantChange, onGrantChanges } from '../../platform/hot-state';
import { createLogger } from '../../platform/logger';
import { createRateLimits } from '../../gateway/limits/rate-limits';
import { postPersisted } from '../support/persisted-query';
import { startPrivateRedisCluster, type PrivateRedisCluster } from '../support/private-redis-cluster';
import { codes, jtiOf, startTwoInstances, type TwoInstances } from './two-instances';

/**
 * Issue 11 item 5, past one machine: the shared hot state on a Redis Cluster
 * of three masters the test starts on spare ports. Two gateways (each with its
 * own governance subgraph) share only PostgreSQL and the cluster; what one
 * writes or announces the other sees. Multi-key commands name one hash tag,
 * so the cluster never answers CROSSSLOT; notices reach subscribers on
 * every node.
 */
let cluster: PrivateRedisCluster;
let two: TwoInstances;
let hot: HotState;
const logger = createLogger('silent', 'redis-cluster-test');
const PROBE = '{ __typename }';
// The test's own clients: three private nodes on two loaded cores can take seconds to answer; a bound on failure, not a latency check.
const CLUSTER_COMMAND_TIMEOUT_MS = 10_000;
const REVOKE = 'mutation ($jti: ID!, $reason: String!) { revokeToken(jti: $jti, reason: $reason) { jti } }';

beforeAll(async () => {
  cluster = await startPrivateRedisCluster();
  hot = await openHotState({ redisClusterNodes: cluster.nodes, keyPrefix: 'edupool-cluster-test:', logger, commandTimeoutMs: CLUSTER_COMMAND_TIMEOUT_MS });
  two = await startTwoInstances({ clusterNodes: cluster.nodes });
});

afterAll(async () => {
  await two?.close();
  await hot?.close();
  await cluster?.stop();
});

describe('the hot state on a Redis Cluster', () => {
  it('says which Redis it is on and runs its multi-key commands in one hash slot', async () => {
    expect(hot.kind).toBe('redis-cluster');
    expect(hot.isAvailable()).toBe(true);
    await hot.setMany([
      { key: DENYLIST_READY_KEY, value: '1' },
      { key: revokedTokenKey('440106', 'leaked'), value: '1', ttlSeconds: 60 },
      { key: unitCutoffKey('GZGAJ'), value: '5' },
    ]);
    expect(await hot.getMany(DENYLIST_READY_KEY, revokedTokenKey('440106', 'leaked'), unitCutoffKey('GZGAJ'), revokedTokenKey('440106', 'other')))
      .toEqual(['1', '1', '5', undefined]);
    await hot.delete(DENYLIST_READY_KEY, revokedTokenKey('440106', 'leaked'), unitCutoffKey('GZGAJ'));
    expect(await hot.getMany(DENYLIST_READY_KEY, unitCutoffKey('GZGAJ'))).toEqual([undefined, undefined]);
  });

  it('refuses keys of different slots in one command instead of splitting it (the contract asks for one hash tag)', async () => {
    await expect(hot.getMany('entity:a', 'entity:b-elsewhere', 'apq:c')).rejects.toThrow(/CROSSSLOT|unavailable/i);
  });

  it('spreads single keys over the masters', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => hot.set(`spread:${i}`, String(i), 60)));
    const perNode = await Promise.all(cluster.nodes.map((node) => withNode(node, (client) => client.keys('edupool-cluster-test:spread:*'))));
    expect(perNode.filter((keys) => keys.length > 0).length).toBe(3);
    expect(perNode.flat()).toHaveLength(30);
  });

  it('delivers a grant-change notice published through any node to a subscriber on the others', async () => {
    const heard: string[] = [];
    const unsubscribe = await onGrantChanges(hot, (unit) => heard.push(unit), () => undefined);
    for (const node of cluster.nodes) {
      await withNode(node, (client) => client.publish('edupool-cluster-test:grant-changes', `via-${node}`));
    }
    await announceGrantChange(hot, 'GZWJW', logger);
    await until(() => heard.length === 4);
    expect(heard.sort()).toEqual([...cluster.nodes.map((node) => `via-${node}`), 'GZWJW'].sort());
    await unsubscribe();
  });

  it('counts rate limits of two instances against one allowance', async () => {
    const other = await openHotState({ redisClusterNodes: cluster.nodes, keyPrefix: 'edupool-cluster-test:', logger, commandTimeoutMs: CLUSTER_COMMAND_TIMEOUT_MS });
    try {
      const limitsA = createRateLimits(hot, { unitPerMinute: 4, tokenPerMinute: 0 });
      const limitsB = createRateLimits(other, { unitPerMinute: 4, tokenPerMinute: 0 });
      const verdicts = [];
      for (let i = 0; i < 3; i += 1) {
        verdicts.push(await limitsA.admitRequest({ unit: 'rl-cluster', token: 't' }), await limitsB.admitRequest({ unit: 'rl-cluster', token: 't' }));
      }
      expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(4);
    } finally {
      await other.close();
    }
  });
});

describe('two gateways sharing a Redis Cluster', () => {
  it('refuses through B a token revoked through A, and serves others', async () => {
    const token = await two.a.token('440106');
    const bystander = await two.a.token('440106');
    expect((await two.call(two.urlB, PROBE, { token })).status).toBe(200);
    const revoked = await two.call(two.urlA, REVOKE, { token, variables: { jti: jtiOf(token), reason: 'cluster test' } });
    expect(revoked.body.errors).toBeUndefined();
    const refused = await two.call(two.urlB, PROBE, { token });
    expect(refused.status).toBe(401);
    expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    expect((await two.call(two.urlB, PROBE, { token: bystander })).status).toBe(200);
  });

  it('finds through B a persisted query registered through A', async () => {
    const token = await two.a.token('440104');
    const query = '{ schools(first: 2) { edges { node { code } } } }';
    const unknown = await postPersisted(two.urlB, token, query, false);
    expect(unknown.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    await postPersisted(two.urlA, token, query, true);
    const elsewhere = await postPersisted(two.urlB, token, query, false);
    expect(elsewhere.body.errors).toBeUndefined();
    expect((elsewhere.body.data?.schools as { edges: unknown[] }).edges).toHaveLength(2);
  });

  it('carries a grant decided through B to A by the notice (the backstop poll is a minute away)', async () => {
    const ID_NUMBERS = '{ students(first: 2) { edges { node { id idNumber } } } }';
    expect(codes(await two.call(two.urlA, ID_NUMBERS, { unit: 'GZWJW', purpose: '疫苗接种核查' }))).toContain('NOT_GRANTED');
    const applied = await two.call(two.urlA, 'mutation ($input: ApplyForShareInput!) { applyForShare(input: $input) { id } }', {
      unit: 'GZWJW', variables: { input: {
        resources: ['GZJY-XS-001', 'GZJY-XS-002'], fields: ['Query.students', 'Student.id', 'Student.idNumber'],
        purpose: '疫苗接种核查', validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
      } },
    });
    const { id } = applied.body.data?.applyForShare as { id: string };
    const decided = await two.call(two.urlB, 'mutation ($id: ID!) { decideShareApplication(id: $id, decision: APPROVE) { status } }', {
      unit: '440100', variables: { id },
    });
    expect(decided.body.data?.decideShareApplication).toEqual({ status: 'APPROVED' });
    // A cached GZWJW's permissions (no grant) above; only the notice through the cluster can have dropped them.
    const served = await two.call(two.urlA, ID_NUMBERS, { unit: 'GZWJW', purpose: '疫苗接种核查' });
    expect(served.body.errors).toBeUndefined();
    expect((served.body.data?.students as { edges: Array<{ node: { idNumber: string } }> }).edges[0]!.node.idNumber).toBeTruthy();
  });
});

async function withNode<T>(node: string, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = createTestRedis(`redis://${node}`);
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
