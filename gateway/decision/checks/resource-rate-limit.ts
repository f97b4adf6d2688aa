import { rateLimitOf, type RateLimit } from '../../../policies/catalog';
import { errors } from '../../../policies/errors';
import { rejectWith, type RequestCheck } from '../request-decision';

/**
 * Per-(unit, resource) limits, e.g. on verification queries (核验): counted
 * over the resources the admission serves, each resource's allowance as its
 * catalog entry sets it (`rateLimit`). Last in the list, so a request another
 * check rejects spends no allowance.
 */
export const resourceRateLimit: RequestCheck = async (input, admitted) => {
  const admit = input.ports.admitResource;
  if (!admit) return admitted;
  // Each aliased use counts: `a1: verifyEnrollment(…) … a20: verifyEnrollment(…)` is twenty checks, not one.
  const resources = new Map<string, { limit: RateLimit; uses: number }>();
  for (const [coordinate, paths] of admitted.servedCoordinates) {
    const limited = rateLimitOf(input.settings.catalog, coordinate);
    if (!limited) continue;
    const uses = Math.max(paths.length, resources.get(limited.resource)?.uses ?? 0);
    resources.set(limited.resource, { limit: limited.limit, uses });
  }
  let wait = 0;
  for (const [code, { limit, uses }] of resources) {
    const verdict = await admit(input.context.unit, code, limit, uses);
    if (!verdict.allowed) wait = Math.max(wait, verdict.retryAfterSeconds);
  }
  return wait === 0 ? admitted : rejectWith(errors.rateLimited(wait), 429, { retryAfterSeconds: wait });
};
