import { HotStateUnavailable, type HotState } from '../hot-state';
import { createMemoryHotState } from '../memory-hot-state';

/** A hot state whose every command fails as the Redis one does while Redis is unreachable. */
export function unavailableHotState(): HotState {
  const fail = async (): Promise<never> => {
    throw new HotStateUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
  };
  return { ...createMemoryHotState('down:'), kind: 'redis', isAvailable: () => false, get: fail, set: fail, setIfAbsent: fail, delete: fail, exists: fail, publish: fail };
}
