import type { Catalog } from './load-catalog';
import type { RateLimit } from './resource';

/**
 * The rate limit of the resource a coordinate belongs to, with that
 * resource's code (the limiter counts per unit and resource, so two fields of
 * one resource share one budget); undefined when the coordinate is in no
 * resource or its resource sets no limit. Pure look-up for the gateway's
 * limiter.
 */
export function rateLimitOf(catalog: Catalog, coordinate: string): { readonly resource: string; readonly limit: RateLimit } | undefined {
  const resource = catalog.resourceOf(coordinate);
  return resource?.rateLimit ? { resource: resource.code, limit: resource.rateLimit } : undefined;
}
