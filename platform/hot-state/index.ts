import type { Logger } from '../logger';
import type { HotState } from './hot-state';
import { createMemoryHotState } from './memory-hot-state';
import { openRedisHotState } from './redis-hot-state';

export { HotStateUnavailable, type HotState } from './hot-state';
export { createMemoryHotState } from './memory-hot-state';

/**
 * A Redis Cluster from its seed nodes (`host:port`), Redis at `redisUrl`, or
 * process memory when neither is given (DESIGN.md "Stores": the embedded default).
 */
export async function openHotState(options: {
  redisUrl?: string; redisClusterNodes?: ReadonlyArray<string>; keyPrefix: string; logger: Logger; commandTimeoutMs?: number;
}): Promise<HotState> {
  const { keyPrefix, logger } = options;
  const timeout = options.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: options.commandTimeoutMs };
  if (options.redisClusterNodes && options.redisClusterNodes.length > 0) {
    return openRedisHotState({ target: { kind: 'redis-cluster', nodes: options.redisClusterNodes }, keyPrefix, logger, ...timeout });
  }
  if (options.redisUrl) return openRedisHotState({ target: { kind: 'redis', url: options.redisUrl }, keyPrefix, logger, ...timeout });
  return createMemoryHotState(keyPrefix);
}
export { announceGrantChange, onGrantChanges, GRANT_CHANGES_CHANNEL } from './grant-changes';
export {
  clientRevocationEntry, copyToHotState, DENYLIST_READY_KEY, revokedClientKey, revokedTokenKey, tokenRevocationEntry, unitCutoffEntry, unitCutoffKey,
  type HotEntry,
} from './token-denylist-keys';
