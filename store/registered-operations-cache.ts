import type { HotState } from '../platform/hot-state';
import type { RegisteredOperationsRepository } from './registered-operations';

/**
 * Each unit's registered operation hashes, copied into the shared hot state
 * (key `regops:<unit>`, a JSON list) so that a gateway checks a partner's
 * request without asking PostgreSQL, which stays authoritative: a miss, an
 * expired entry or an unreachable Redis reads the rows again. Registering or
 * deregistering forgets the unit's entry; were that to fail (Redis down), the
 * TTL bounds how long a gateway may act on the old list.
 */
export interface RegisteredOperationsCache {
  isRegistered(unit: string, sha256: string): Promise<boolean>;
  /** Drops the unit's cached list after its rows changed. */
  forget(unit: string): Promise<void>;
}

const keyOf = (unit: string) => `regops:${unit}`;

/** What the governance subgraph calls after changing a unit's rows. */
export async function forgetRegisteredOperations(hotState: HotState, unit: string): Promise<void> {
  await hotState.delete(keyOf(unit)).catch(() => undefined);
}

export function registeredOperationsCache(
  hotState: HotState, repository: Pick<RegisteredOperationsRepository, 'hashesOf'>, ttlSeconds: number,
): RegisteredOperationsCache {
  const cached = async (unit: string): Promise<ReadonlyArray<string> | undefined> => {
    const text = await hotState.get(keyOf(unit)).catch(() => undefined);
    return text === undefined ? undefined : JSON.parse(text) as string[];
  };
  return {
    async isRegistered(unit, sha256) {
      let hashes = await cached(unit);
      if (!hashes) {
        hashes = await repository.hashesOf(unit);
        await hotState.set(keyOf(unit), JSON.stringify(hashes), ttlSeconds).catch(() => undefined);
      }
      return hashes.includes(sha256);
    },
    forget: (unit) => forgetRegisteredOperations(hotState, unit),
  };
}
