import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

/**
 * The seal on each gateway→subgraph fetch (DESIGN.md "Shape"): a short HS256
 * token under the subgraph's own key that binds who asks (unit, request,
 * token, purpose) to the digest of the permissions assertion the subgraph
 * already holds, a unique id, an expiry, and the SHA-256 of the **raw body
 * bytes** — query, variables, operationName and extensions alike. Its size
 * does not depend on the permissions: they travel once, in the assertion
 * (permissions-assertion.ts). Subgraphs refuse anything without a seal, and
 * record each id in the shared hot state so no instance accepts it twice.
 */
export const CONTEXT_HEADER = 'x-edupool-context';
const CONTEXT_ISSUER = 'edupool-gateway';
const SEAL_ALGORITHM = 'HS256';

export interface RequestContextClaims {
  readonly unit: string;
  readonly requestId: string;
  readonly tokenId: string;
  readonly purpose?: string;
  /** The signed-in person (account id) a console session acts for: governance checks the person's roles. */
  readonly person?: string;
  /** The registered app (client id) of a client-credentials token: apps read, people decide. */
  readonly client?: string;
  /**
   * The request's effective permissions in their wire form, decided once at the
   * gateway. Given to the sealer, which sends only their digest; never in a seal.
   */
  readonly permissions?: unknown;
}

export type FetchClaims = Omit<RequestContextClaims, 'permissions'>;

export interface OpenedSeal {
  readonly claims: FetchClaims;
  /** The digest of the permissions assertion the fetch relies on; absent when the gateway sealed none. */
  readonly permissionsDigest?: string;
  readonly nonce: string;
  readonly expiresAtMs: number;
}

export class ContextRejected extends Error {}

export function rawBodyDigest(rawBody: string): string {
  return createHash('sha256').update(rawBody, 'utf8').digest('base64url');
}

export async function sealFetch(
  key: Uint8Array, audience: string, claims: FetchClaims, permissionsDigest: string | undefined, rawBody: string, ttlSeconds: number,
): Promise<string> {
  const { unit, requestId, tokenId, purpose, person, client } = claims;
  return new SignJWT({
    ctx: { unit, requestId, tokenId, ...(purpose ? { purpose } : {}), ...(person ? { person } : {}), ...(client ? { client } : {}) },
    bh: rawBodyDigest(rawBody),
    ...(permissionsDigest ? { pd: permissionsDigest } : {}),
  })
    .setProtectedHeader({ alg: SEAL_ALGORITHM })
    .setIssuer(CONTEXT_ISSUER)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

/** Checks the seal against the subgraph's key, its name and the raw bytes received; the replay check is the caller's. */
export async function openSeal(key: Uint8Array, audience: string, token: string | undefined, rawBody: string): Promise<OpenedSeal> {
  if (!token) throw new ContextRejected('missing gateway context');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [SEAL_ALGORITHM], issuer: CONTEXT_ISSUER, audience, requiredClaims: ['exp', 'jti'],
    }));
  } catch {
    throw new ContextRejected('invalid gateway context');
  }
  if (payload.bh !== rawBodyDigest(rawBody)) throw new ContextRejected('gateway context does not match the request body');
  const ctx = payload.ctx as FetchClaims | undefined;
  if (!ctx || typeof ctx.unit !== 'string' || typeof ctx.requestId !== 'string' || typeof ctx.tokenId !== 'string') {
    throw new ContextRejected('gateway context without unit');
  }
  for (const optional of ['purpose', 'person', 'client'] as const) {
    if (ctx[optional] !== undefined && typeof ctx[optional] !== 'string') throw new ContextRejected(`gateway context with a malformed ${optional}`);
  }
  return {
    claims: ctx,
    ...(typeof payload.pd === 'string' ? { permissionsDigest: payload.pd } : {}),
    nonce: payload.jti!,
    expiresAtMs: payload.exp! * 1000,
  };
}
