import { errors } from '../../policies/errors';
import { RefusedRequest } from '../../platform/http-graphql';
import { TokenRejected, type TokenClaims } from '../../platform/tokens';
import { DenylistUnavailable, type TokenDenylist } from './token-denylist';

export type { TokenDenylist } from './token-denylist';

/**
 * Refuses a revoked token with UNAUTHENTICATED "token revoked". When the
 * denylist cannot be read at all (Redis and PostgreSQL both down) the request
 * is refused too (fail closed), with UPSTREAM_UNAVAILABLE and HTTP 503 rather
 * than UNAUTHENTICATED: the token may well be good, and a new one would meet
 * the same refusal; the client should retry later, not re-authenticate.
 */
export async function refuseRevoked(denylist: TokenDenylist, claims: TokenClaims): Promise<void> {
  let revoked: boolean;
  try {
    revoked = await denylist.isRevoked({ jti: claims.jti, unit: claims.unit, issuedAt: claims.issuedAt, ...(claims.client ? { client: claims.client } : {}) });
  } catch (error) {
    if (!(error instanceof DenylistUnavailable)) throw error;
    const shape = errors.upstreamUnavailable('governance');
    throw new RefusedRequest(503, {
      message: 'The token revocation list cannot be read right now, so no request is served. Retry later.',
      extensions: { ...shape.extensions, http: { status: 503 } },
    });
  }
  if (revoked) throw new TokenRejected('revoked', 'token revoked: this token was revoked and is refused on every gateway.');
}
