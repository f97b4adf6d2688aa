import type { ApolloServerPlugin, PersistedQueryOptions } from '@apollo/server';
import type { Config } from '../platform/config';
import type { Clock } from '../platform/clock';
import type { HotState } from '../platform/hot-state';
import { hotStateKeyValueCache } from '../platform/hot-state/hot-state-key-value-cache';
import type { Catalog, UnitTree } from '../policies';
import type { GovernanceStore } from '../store';
import { registeredOperationsRepository } from '../store/registered-operations';
import { registeredOperationsCache } from '../store/registered-operations-cache';
import type { Authenticator } from './authenticate';
import type { GatewayContext } from './gateway-context';
import { createRateLimits } from './limits/rate-limits';
import { withRateLimits } from './limits/rate-limited-authenticator';
import { resourceRateLimitPlugin } from './limits/resource-rate-limit-plugin';
import { withRegisteredTexts } from './persisted/persisted-query-cache';
import { registeredOperationsPlugin } from './persisted/registered-operations-plugin';

export interface HotStateFeatures {
  readonly authenticator: Authenticator;
  /** Installed after the enforcement plugin (they read what it worked out). */
  readonly plugins: ReadonlyArray<ApolloServerPlugin<GatewayContext>>;
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
  const plugins: Array<ApolloServerPlugin<GatewayContext>> = [
    resourceRateLimitPlugin({ limits, catalog: parts.catalog }),
  ];
  const ttl = config.PERSISTED_QUERY_TTL_SECONDS;
  let cache = hotStateKeyValueCache(parts.hotState, 'apollo', ttl);
  if (config.PERSISTED_OPERATIONS_MODE === 'registered-for-partners') {
    const repository = registeredOperationsRepository(parts.store.pool, parts.clock);
    plugins.push(registeredOperationsPlugin({
      isPartner: (unit) => parts.unitTree().get(unit)?.type === 'PARTNER_DEPARTMENT',
      registered: registeredOperationsCache(parts.hotState, repository, config.REGISTERED_OPERATIONS_CACHE_SECONDS),
    }));
    cache = withRegisteredTexts(cache, (sha256) => repository.textOf(sha256), ttl);
  }
  return {
    authenticator: limited ? withRateLimits(parts.authenticator, limits, config.TRUSTED_PROXY_HOPS) : parts.authenticator,
    plugins,
    persistedQueries: { cache, ttl },
  };
}
