import { systemClock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { openHotState } from '../../platform/hot-state';
import { createLogger } from '../../platform/logger';
import {
  loadPoolKeys, poolCatalog, readUnitTree, startGatewayPart, startGovernancePart, type Part,
} from '../../scripts/pool-parts';
import { openGovernanceStore } from '../../store';
import { startTestPool, type GraphQLReply, type TestPool } from '../support/test-pool';

/**
 * Two instances of the pool's stateful parts over one set of data subgraphs:
 * instance A is a whole test pool; instance B is a second governance subgraph
 * and a second gateway with objects of their own (their own connection pool
 * to the same governance database, their own Redis connections, their own
 * caches), so A and B share only PostgreSQL (or the one embedded PGlite,
 * reached over its socket) and Redis, as separate processes would.
 *
 * The backstop poll is set to a minute, so a grant change seen across the
 * instances within a test was carried by the Redis notice.
 */
export interface TwoInstances {
  readonly a: TestPool;
  readonly urlA: string;
  readonly urlB: string;
  readonly keyPrefix: string;
  /** `purpose`: the token's purpose claim, which a read under a purpose-bound grant must carry. */
  call(url: string, query: string, options: { unit?: string; token?: string; purpose?: string; variables?: Record<string, unknown> }): Promise<GraphQLReply>;
  close(): Promise<void>;
}

/** The shared Redis: one server's URL, or the seed nodes of a Redis Cluster. */
export type SharedRedis = string | { readonly clusterNodes: ReadonlyArray<string> };

export async function startTwoInstances(redis: SharedRedis): Promise<TwoInstances> {
  const target: { env: Record<string, string>; open: { redisUrl?: string; redisClusterNodes?: ReadonlyArray<string> } } = typeof redis === 'string'
    ? { env: { REDIS_URL: redis }, open: { redisUrl: redis } }
    // An empty REDIS_URL hides CI's from the pool's configuration: one or the other, never both.
    : { env: { REDIS_URL: '', REDIS_CLUSTER_NODES: redis.clusterNodes.join(',') }, open: { redisClusterNodes: redis.clusterNodes } };
  const a = await startTestPool({ ...target.env, GRANT_POLL_MS: '60000' });
  const parts: Part[] = [];
  const logger = createLogger('silent', 'instance-b');
  const databaseUrl = a.config.DATABASE_URL ?? a.pool.store.pool.options.connectionString!;
  const config: Config = { ...a.config, DATABASE_URL: databaseUrl };
  const store = await openGovernanceStore({ databaseUrl, dataDir: config.DATA_DIR, clock: systemClock, logger, poolSize: 4 });
  const hotState = await openHotState({ ...target.open, keyPrefix: config.REDIS_KEY_PREFIX, logger });
  try {
    const keys = await loadPoolKeys(config, true);
    const catalog = poolCatalog();
    const subgraphs = a.pool.subgraphs;
    const unitTree = await readUnitTree(config, keys, subgraphs.student.url, catalog, systemClock);
    const shared = { store, hotState, unitTree, catalog, clock: systemClock };
    const governance = await startGovernancePart(config, logger, keys, shared);
    parts.push(governance);
    const gateway = await startGatewayPart(config, logger, keys, {
      student: subgraphs.student.url, teacher: subgraphs.teacher.url, facility: subgraphs.facility.url, governance: governance.url,
    }, shared);
    parts.push(gateway);
    const call: TwoInstances['call'] = async (url, query, options) => {
      const bearer = options.token ?? await a.token(options.unit ?? '440100', options.purpose ? { purpose: options.purpose } : {});
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query, variables: options.variables ?? {} }),
      });
      return { status: response.status, body: await response.json() as GraphQLReply['body'] };
    };
    const closeB = async () => {
      for (const part of parts.splice(0).reverse()) await part.close();
      await hotState.close();
      await store.close();
    };
    return {
      a, urlA: a.url, urlB: gateway.url, keyPrefix: config.REDIS_KEY_PREFIX, call,
      close: async () => {
        await closeB();
        await a.close();
      },
    };
  } catch (error) {
    for (const part of parts.reverse()) await part.close();
    await hotState.close();
    await store.close();
    await a.close();
    throw error;
  }
}

/** The `jti` claim of a token, read without verifying (the test made the token). */
export function jtiOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { jti: string };
  return payload.jti;
}

export const codes = (reply: GraphQLReply): string[] => (reply.body.errors ?? []).map((e) => String(e.extensions?.code));
