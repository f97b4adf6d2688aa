import type { Logger } from '../logger';
import type { HotState } from './hot-state';
import { createMemoryHotState } from './memory-hot-state';
import { openRedisHotState } from './redis-hot-state';

export { HotStateUnavailable, type HotState } from './hot-state';
export { createMemoryHotState } from './memory-hot-state';

/** Redis at `redisUrl`, or process memory when it is unset (DESIGN.md "Stores": the embedded default). */
export async function openHotState(options: { redisUrl?: string; keyPrefix: string; logger: Logger }): Promise<HotState> {
  if (!options.redisUrl) return createMemoryHotState(options.keyPrefix);
  return openRedisHotState({ url: options.redisUrl, keyPrefix: options.keyPrefix, logger: options.logger });
}
export { announceGrantChange, onGrantChanges, GRANT_CHANGES_CHANNEL } from './grant-changes';
export {
  copyToHotState, DENYLIST_READY_KEY, revokedTokenKey, tokenRevocationEntry, unitCutoffEntry, unitCutoffKey, type HotEntry,
} from './token-denylist-keys';
