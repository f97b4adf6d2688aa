import { HeaderMap, type GraphQLRequestListener } from '@apollo/server';
import { createMemoryHotState } from '../../../platform/hot-state';
import type { CatalogResource } from '../../../policies';
import { poolCatalog } from '../../../scripts/pool-parts';
import { newEnforcementState, type GatewayContext } from '../../gateway-context';
import { createRateLimits } from '../rate-limits';
import { catalogRateLimitOf, resourceRateLimitPlugin } from '../resource-rate-limit-plugin';

/**
 * The per-(unit, resource) limit as the enforcement plugin leaves a request:
 * its served coordinates name the resources it touches. The limit here is
 * given by a function; the catalog's own `rateLimit` is read by
 * catalogRateLimitOf once the catalog declares it.
 */
const catalog = poolCatalog();
const ID_RESOURCE = catalog.resourceOf('Student.idNumber')!.code;

async function run(unit: string, served: string[], limitOf: (r: CatalogResource) => { requests: number; perSeconds: number } | undefined, limits = createRateLimits(createMemoryHotState('t:'), { unitPerMinute: 0, tokenPerMinute: 0 })) {
  const plugin = resourceRateLimitPlugin({ limits, catalog, limitOf });
  const enforcement = newEnforcementState();
  enforcement.served = new Map(served.map((c) => [c, [[c]]]));
  const contextValue: GatewayContext = { requestId: 'r', unit, tokenId: 't', enforcement };
  const response = { http: { status: undefined as number | undefined, headers: new HeaderMap() } };
  const listener = await plugin.requestDidStart!({} as never) as GraphQLRequestListener<GatewayContext>;
  const result = await listener.responseForOperation!({ contextValue, response } as never);
  return { result, response, enforcement, limits };
}

it('refuses the unit\'s request past the resource\'s allowance with 429 and Retry-After, serving and auditing nothing', async () => {
  const limitOf = (r: CatalogResource) => (r.code === ID_RESOURCE ? { requests: 1, perSeconds: 30 } : undefined);
  const first = await run('GZGAJ', ['Student.idNumber', 'Student.name'], limitOf);
  expect(first.result).toBeNull();
  const second = await run('GZGAJ', ['Student.idNumber'], limitOf, first.limits);
  expect(second.response.http.status).toBe(429);
  const wait = Number(second.response.http.headers.get('retry-after'));
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(30);
  expect(second.result!.body).toEqual({ kind: 'single', singleResult: { errors: [{
    message: expect.stringContaining('Retry after'), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, http: { status: 429 } },
  }] } });
  expect(second.enforcement.served.size).toBe(0);
  const otherUnit = await run('GZWJW', ['Student.idNumber'], limitOf, first.limits);
  expect(otherUnit.result).toBeNull();
});

it('leaves alone a request touching no limited resource', async () => {
  const limits = createRateLimits(createMemoryHotState('t:'), { unitPerMinute: 0, tokenPerMinute: 0 });
  for (let i = 0; i < 3; i += 1) expect((await run('GZGAJ', ['Student.name'], () => undefined, limits)).result).toBeNull();
});

it('reads the catalog\'s optional rateLimit, ignoring a missing or empty one', () => {
  const resource = catalog.byCode(ID_RESOURCE)!;
  expect(catalogRateLimitOf(resource)).toBeUndefined();
  expect(catalogRateLimitOf({ ...resource, rateLimit: { requests: 10, perSeconds: 60 } } as CatalogResource)).toEqual({ requests: 10, perSeconds: 60 });
  expect(catalogRateLimitOf({ ...resource, rateLimit: { requests: 0, perSeconds: 60 } } as CatalogResource)).toBeUndefined();
});
