import type { ApolloServerPlugin } from '@apollo/server';
import { rateLimitOf, type Catalog, type RateLimit } from '../../policies/catalog';
import { errors } from '../../policies/errors';
import type { GatewayContext } from '../gateway-context';
import type { RateLimits } from './rate-limits';

/**
 * Per-(unit, resource) limits, e.g. on verification queries (核验): counted
 * once the enforcement plugin knows which catalog resources the request is
 * served (`enforcement.served`), before anything is planned or fetched, each
 * resource's allowance as its catalog entry sets it (`rateLimit`). Install
 * after the enforcement plugin: `responseForOperation` hooks run in order.
 */
export function resourceRateLimitPlugin(options: {
  limits: RateLimits;
  catalog: Catalog;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ contextValue, response }) {
          // Each aliased use counts: `a1: verifyEnrollment(…) … a20: verifyEnrollment(…)` is twenty checks, not one.
          const resources = new Map<string, { limit: RateLimit; uses: number }>();
          for (const [coordinate, paths] of contextValue.enforcement.served) {
            const limited = rateLimitOf(options.catalog, coordinate);
            if (!limited) continue;
            const uses = Math.max(paths.length, resources.get(limited.resource)?.uses ?? 0);
            resources.set(limited.resource, { limit: limited.limit, uses });
          }
          let wait = 0;
          for (const [code, { limit, uses }] of resources) {
            const verdict = await options.limits.admitResource(contextValue.unit, code, limit, uses);
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
