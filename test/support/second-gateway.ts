import { systemClock } from '../../platform/clock';
import { createLogger } from '../../platform/logger';
import { loadPoolKeys, openPoolHotState, poolCatalog, startGatewayPart } from '../../scripts/pool-parts';
import type { TestPool } from './test-pool';

export interface SecondGateway {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Another gateway instance beside a test pool's, as a second instance behind
 * a load balancer would run: the same subgraphs and governance store, and a
 * hot state of its own opened from the same configuration — its own Redis
 * connection under the pool's prefix, or (without REDIS_URL) its own process
 * memory, which it shares with no one.
 */
export async function startSecondGateway(test: TestPool): Promise<SecondGateway> {
  const { pool, config } = test;
  const logger = createLogger('silent', 'test');
  const hotState = await openPoolHotState(config, logger);
  const keys = await loadPoolKeys(config, true);
  const subgraphUrl = (name: keyof typeof pool.subgraphs) => pool.subgraphs[name].url;
  const part = await startGatewayPart({ ...config, PORT: 0 }, logger, keys, {
    student: subgraphUrl('student'), teacher: subgraphUrl('teacher'), facility: subgraphUrl('facility'), governance: subgraphUrl('governance'),
  }, { store: pool.store, hotState, unitTree: pool.unitTree, catalog: poolCatalog(), clock: systemClock });
  return {
    url: part.url,
    close: async () => {
      await part.close();
      await hotState.close();
    },
  };
}
