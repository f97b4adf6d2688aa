import type { ApolloServerPlugin } from '@apollo/server';
import type { Catalog, CatalogResource } from '../../policies';
import { errors } from '../../policies/errors';
import type { GatewayContext } from '../gateway-context';
import type { RateLimits, ResourceRateLimit } from './rate-limits';

/**
 * Per-(unit, resource) limits, e.g. on verification queries (核验): counted
 * once the enforcement plugin knows which catalog resources the request is
 * served (`enforcement.served`), before anything is planned or fetched. Install
 * after the enforcement plugin: `responseForOperation` hooks run in order.
 */
export function resourceRateLimitPlugin(options: {
  limits: RateLimits;
  catalog: Catalog;
  limitOf: (resource: CatalogResource) => ResourceRateLimit | undefined;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ contextValue, response }) {
          const resources = new Map<string, ResourceRateLimit>();
          for (const coordinate of contextValue.enforcement.served.keys()) {
            const resource = options.catalog.resourceOf(coordinate);
            const limit = resource && options.limitOf(resource);
            if (resource && limit) resources.set(resource.code, limit);
          }
          let wait = 0;
          for (const [code, limit] of resources) {
            const verdict = await options.limits.admitResource(contextValue.unit, code, limit);
            if (!verdict.allowed) wait = Math.max(wait, verdict.retryAfterSeconds);
          }
          if (wait === 0) return null;
          // Nothing of this request is served, so nothing is answered as refused or audited as served.
          contextValue.enforcement.served = new Map();
          contextValue.enforcement.refused = [];
          const shape = errors.rateLimited(wait);
          response.http.status = 429;
          response.http.headers.set('retry-after', String(wait));
          return { http: response.http, body: { kind: 'single', singleResult: { errors: [{ message: shape.message, extensions: { ...shape.extensions } }] } } };
        },
      };
    },
  };
}

/**
 * The catalog's optional `rateLimit` on a resource, read structurally until
 * the catalog's type declares it (the verification work adds the field).
 */
export function catalogRateLimitOf(resource: CatalogResource): ResourceRateLimit | undefined {
  const limit = (resource as CatalogResource & { readonly rateLimit?: ResourceRateLimit }).rateLimit;
  return limit && limit.requests > 0 && limit.perSeconds > 0 ? limit : undefined;
}
