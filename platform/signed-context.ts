import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { SIGNING_ALGORITHM, type KeyPair } from './keys';

/**
 * The context the gateway signs for each subgraph fetch (DESIGN.md "Shape"):
 * short-lived, audience = the subgraph's name, bound to the exact body sent
 * (query and variables) and single-use, so a captured context can neither be
 * replayed nor reused for another query. Subgraphs refuse anything without one.
 */
export const CONTEXT_HEADER = 'x-edupool-context';
const CONTEXT_ISSUER = 'edupool-gateway';

export interface RequestContextClaims {
  readonly unit: string;
  readonly requestId: string;
  readonly tokenId: string;
  readonly purpose?: string;
  /** The request's effective permissions, decided once at the gateway (share-types issue). */
  readonly permissions?: unknown;
}

export interface SignedBody {
  readonly query?: string;
  readonly variables?: unknown;
}

export function bodyHash(body: SignedBody): string {
  return createHash('sha256').update(body.query ?? '').update('\u0000').update(JSON.stringify(body.variables ?? {})).digest('base64url');
}

export async function signContext(
  keys: KeyPair, audience: string, claims: RequestContextClaims, body: SignedBody, ttlSeconds: number,
): Promise<string> {
  if (!keys.privateKey) throw new Error('This process holds no context signing key.');
  return new SignJWT({ ctx: claims, bh: bodyHash(body) })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM })
    .setIssuer(CONTEXT_ISSUER)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.privateKey);
}

export class ContextRejected extends Error {}

/** Remembers context ids until they expire, so each signed context is accepted once. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  /** True the first time an id is offered before `expiresAtMs`; false on any replay. */
  accept(id: string, expiresAtMs: number, nowMs = Date.now()): boolean {
    if (nowMs - this.lastSweep > 5_000) {
      for (const [key, expiry] of this.seen) if (expiry <= nowMs) this.seen.delete(key);
      this.lastSweep = nowMs;
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, expiresAtMs);
    return true;
  }
}

export async function verifyContext(
  keys: KeyPair, audience: string, token: string | undefined, body: SignedBody, replayGuard: ReplayGuard,
): Promise<RequestContextClaims> {
  if (!token) throw new ContextRejected('missing gateway context');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: [SIGNING_ALGORITHM], issuer: CONTEXT_ISSUER, audience, requiredClaims: ['exp', 'jti'],
    }));
  } catch {
    throw new ContextRejected('invalid gateway context');
  }
  if (payload.bh !== bodyHash(body)) throw new ContextRejected('gateway context does not match the request body');
  if (!replayGuard.accept(payload.jti!, payload.exp! * 1000)) throw new ContextRejected('gateway context replayed');
  const ctx = payload.ctx as RequestContextClaims | undefined;
  if (!ctx || typeof ctx.unit !== 'string' || typeof ctx.requestId !== 'string') {
    throw new ContextRejected('gateway context without unit');
  }
  return ctx;
}
