import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { errors } from '../policies/errors';
import { RefusedRequest } from '../platform/http-graphql';
import type { KeyPair } from '../platform/keys';
import { bearerToken, TokenRejected, verifyToken } from '../platform/tokens';
import { anonymousContext, isAnonymousRequest } from './anonymous-access';
import { declaredPurpose } from './declared-purpose';
import { newEnforcementState, type GatewayContext } from './gateway-context';
import { refuseRevoked, type TokenDenylist } from './revocation/token-denylist-check';

export interface Authenticator {
  authenticate(request: IncomingMessage): Promise<GatewayContext>;
}

/**
 * Every gateway request needs a bearer token signed by the pool, except one
 * with no Authorization header at all: that is the anonymous role, which
 * reads open data only (anonymous-access.ts). A malformed, forged, expired or
 * unknown-unit token is refused with UNAUTHENTICATED (HTTP 401) before any
 * GraphQL work is done; so is a revoked one, when a denylist is given
 * (gateway/revocation). The request's declared purpose is the
 * `x-edupool-purpose` header, else the token's `purpose` claim; the decision
 * refuses a header that contradicts the claim.
 */
export function createAuthenticator(
  tokenKeys: KeyPair, isKnownUnit: (code: string) => boolean, now: () => Date = () => new Date(), denylist?: TokenDenylist,
): Authenticator {
  return {
    async authenticate(request) {
      if (isAnonymousRequest(request)) return anonymousContext();
      try {
        const claims = await verifyToken(tokenKeys, bearerToken(request.headers.authorization), now());
        if (!isKnownUnit(claims.unit)) throw new TokenRejected('invalid', `The token names unit ${claims.unit}, which is not a unit of the pool.`);
        if (denylist) await refuseRevoked(denylist, claims);
        const purpose = declaredPurpose(request) ?? claims.purpose;
        return {
          requestId: randomUUID(),
          unit: claims.unit,
          tokenId: claims.jti,
          ...(purpose ? { purpose } : {}),
          ...(claims.purpose ? { tokenPurpose: claims.purpose } : {}),
          ...(claims.scope ? { scope: claims.scope } : {}),
          ...(claims.application ? { application: claims.application } : {}),
          enforcement: newEnforcementState(),
        };
      } catch (error) {
        if (error instanceof TokenRejected) throw new RefusedRequest(401, errors.unauthenticated(error.message));
        throw error;
      }
    },
  };
}
