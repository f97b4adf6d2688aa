import type { PersistedQueryOptions } from '@apollo/server';
import type { Config } from '../platform/config';
import type { Clock } from '../platform/clock';
import type { HotState } from '../platform/hot-state';
import { hotStateKeyValueCache } from '../platform/hot-state/hot-state-key-value-cache';
import type { Catalog, UnitTree } from '../policies';
import type { GovernanceStore } from '../store';
import { registeredOperationsRepository } from '../store/registered-operations';
import { registeredOperationsCache } from '../store/registered-operations-cache';
import type { Authenticator } from './authenticate';
import type { DecisionPorts } from './decision/request-decision';
import { createRateLimits } from './limits/rate-limits';
import { withRateLimits } from './limits/rate-limited-authenticator';
import { withRegisteredTexts } from './persisted/persisted-query-cache';

export interface HotStateFeatures {
  readonly authenticator: Authenticator;
  /** What the request decision's last checks consult: resource allowances and the operations registry. */
  readonly ports: DecisionPorts;
  readonly persistedQueries: PersistedQueryOptions;
}

/**
 * What the gateway keeps in the shared hot state besides grants and
 * revocation: rate limits per unit, per token and per (unit, resource);
 * automatic persisted queries for everyone; the registered-operations mode
 * for partner departments when PERSISTED_OPERATIONS_MODE asks for it.
 */
export function hotStateFeatures(config: Config, parts: {
  readonly authenticator: Authenticator;
  readonly hotState: HotState;
  readonly store: GovernanceStore;
  readonly unitTree: () => UnitTree;
  readonly catalog: Catalog;
  readonly clock: Clock;
}): HotStateFeatures {
  const limits = createRateLimits(parts.hotState, {
    unitPerMinute: config.RATE_LIMIT_UNIT_PER_MINUTE, tokenPerMinute: config.RATE_LIMIT_TOKEN_PER_MINUTE,
  });
  const limited = config.RATE_LIMIT_UNIT_PER_MINUTE > 0 || config.RATE_LIMIT_TOKEN_PER_MINUTE > 0;
  let ports: DecisionPorts = { admitResource: (unit, resource, limit, uses) => limits.admitResource(unit, resource, limit, uses) };
  const ttl = config.PERSISTED_QUERY_TTL_SECONDS;
  let cache = hotStateKeyValueCache(parts.hotState, 'apollo', ttl);
  if (config.PERSISTED_OPERATIONS_MODE === 'registered-for-partners') {
    const repository = registeredOperationsRepository(parts.store.pool, parts.clock);
    const registered = registeredOperationsCache(parts.hotState, repository, config.REGISTERED_OPERATIONS_CACHE_SECONDS);
    ports = {
      ...ports,
      registeredOperations: {
        isPartner: (unit) => parts.unitTree().get(unit)?.type === 'PARTNER_DEPARTMENT',
        isRegistered: (unit, sha256) => registered.isRegistered(unit, sha256),
      },
    };
    cache = withRegisteredTexts(cache, (sha256) => repository.textOf(sha256), ttl);
  }
  return {
    authenticator: limited ? withRateLimits(parts.authenticator, limits, config.TRUSTED_PROXY_HOPS) : parts.authenticator,
    ports,
    persistedQueries: { cache, ttl },
  };
}
