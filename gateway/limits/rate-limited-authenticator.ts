import { ANONYMOUS_UNIT } from '../../policies/permissions/anonymous';
import { errors } from '../../policies/errors';
import { clientAddress } from '../../platform/client-address';
import { RefusedRequest } from '../../platform/http-graphql';
import type { Authenticator } from '../authenticate';
import type { RateLimits } from './rate-limits';

/**
 * Counts each authenticated request against its unit's and its token's
 * allowance before any GraphQL work: a refusal is RATE_LIMITED, HTTP 429, with
 * `retryAfterSeconds` and a `Retry-After` header (platform/http-graphql).
 * A request refused for its token is not counted, it never got this far.
 * Anonymous requests (open data) have neither unit nor token: each client
 * address counts as both, so one busy client cannot use up the public's
 * allowance (behind our own proxies, the address they forward:
 * TRUSTED_PROXY_HOPS).
 */
export function withRateLimits(authenticator: Authenticator, limits: RateLimits, trustedProxyHops = 0): Authenticator {
  return {
    async authenticate(request) {
      const context = await authenticator.authenticate(request);
      const address = `${ANONYMOUS_UNIT}@${clientAddress(request, trustedProxyHops)}`;
      const subject = context.unit === ANONYMOUS_UNIT ? { unit: address, token: address } : { unit: context.unit, token: context.tokenId };
      const verdict = await limits.admitRequest(subject);
      if (!verdict.allowed) throw new RefusedRequest(429, errors.rateLimited(verdict.retryAfterSeconds));
      return context;
    },
  };
}
