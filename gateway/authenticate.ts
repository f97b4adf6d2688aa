import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LRUCache } from 'lru-cache';
import { errors } from '../policies/errors';
import { HotStateUnavailable, type HotState } from '../platform/hot-state';
import { RefusedRequest } from '../platform/http-graphql';
import type { KeyPair } from '../platform/keys';
import { bearerToken, TokenRejected, verifyToken, type TokenClaims } from '../platform/tokens';
import { anonymousContext } from './anonymous-access';
import { declaredPurpose } from './declared-purpose';
import { newEnforcementState, type GatewayContext } from './gateway-context';
import { SessionIdle, sessionCookieOf, touchSession, type SessionSettings } from './people/console-session';
import { refuseRevoked, type TokenDenylist } from './revocation/token-denylist-check';

export interface Authenticator {
  authenticate(request: IncomingMessage): Promise<GatewayContext>;
}

// Tokens in use at once across every caller of one gateway; past the bound the least recent is checked again.
const VERIFIED_TOKENS_KEPT = 10_000;

/** Console sessions (gateway/people): where their idle clocks are kept, and for how long. */
export interface SessionCheck {
  readonly hotState: HotState;
  readonly settings: SessionSettings;
}

/**
 * Every gateway request needs a bearer token signed by the pool, or a signed-in
 * person's session cookie, except one with neither: that is the anonymous
 * role, which reads open data only (anonymous-access.ts). A malformed, forged,
 * expired or unknown-unit token is refused with UNAUTHENTICATED (HTTP 401)
 * before any GraphQL work is done; so is a revoked one, when a denylist is
 * given (gateway/revocation), and a session idle for too long. A bearer token
 * wins over a cookie, so an app is never served as whoever last signed in to
 * the browser it runs in. The request's declared purpose is the
 * `x-edupool-purpose` header, else the token's `purpose` claim; the decision
 * refuses a header that contradicts the claim.
 */
export function createAuthenticator(
  tokenKeys: KeyPair, isKnownUnit: (code: string) => boolean, now: () => Date = () => new Date(), denylist?: TokenDenylist,
  sessions?: SessionCheck,
): Authenticator {
  // A signature checked once holds until the token expires: an app sends the same token with every request,
  // and the Ed25519 check (~0.1 CPU-ms) is then done once. Unit and revocation are still checked every time.
  const signatureChecked = new LRUCache<string, TokenClaims>({ max: VERIFIED_TOKENS_KEPT });
  const verified = async (token: string): Promise<TokenClaims> => {
    const at = now();
    let claims = signatureChecked.get(token);
    if (!claims || claims.expiresAt <= at) {
      claims = await verifyToken(tokenKeys, token, at);
      signatureChecked.set(token, claims);
    }
    if (!isKnownUnit(claims.unit)) throw new TokenRejected('invalid', `The token names unit ${claims.unit}, which is not a unit of the pool.`);
    if (denylist) await refuseRevoked(denylist, claims);
    return claims;
  };
  const contextOf = (claims: TokenClaims, purpose = claims.purpose): GatewayContext => ({
    requestId: randomUUID(),
    unit: claims.unit,
    tokenId: claims.jti,
    ...(purpose ? { purpose } : {}),
    ...(claims.purpose ? { tokenPurpose: claims.purpose } : {}),
    ...(claims.scope ? { scope: claims.scope } : {}),
    ...(claims.application ? { application: claims.application } : {}),
    ...(claims.person ? { person: claims.person } : {}),
    ...(claims.client ? { client: claims.client } : {}),
    enforcement: newEnforcementState(),
  });
  const bySession = async (cookie: string, purpose: string | undefined): Promise<GatewayContext> => {
    let claims: TokenClaims;
    try {
      claims = await verified(cookie);
      if (!claims.person || !sessions) throw new TokenRejected('invalid', 'The session cookie is not a console session.');
      await touchSession(sessions.hotState, sessions.settings, claims.jti);
    } catch (error) {
      if (error instanceof TokenRejected || error instanceof SessionIdle) throw new RefusedRequest(401, errors.signInRefused(error.message));
      if (error instanceof HotStateUnavailable) {
        throw new RefusedRequest(503, { ...errors.upstreamUnavailable('governance'), message: 'Sessions cannot be checked right now. Retry later.' });
      }
      throw error;
    }
    return contextOf(claims, purpose);
  };
  return {
    async authenticate(request) {
      if (request.headers.authorization === undefined) {
        const cookie = sessionCookieOf(request);
        return cookie ? bySession(cookie, declaredPurpose(request)) : anonymousContext();
      }
      try {
        const claims = await verified(bearerToken(request.headers.authorization));
        return contextOf(claims, declaredPurpose(request) ?? claims.purpose);
      } catch (error) {
        if (error instanceof TokenRejected) throw new RefusedRequest(401, errors.unauthenticated(error.message));
        throw error;
      }
    },
  };
}
