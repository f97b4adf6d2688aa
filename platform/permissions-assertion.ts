import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { SIGNING_ALGORITHM, type KeyPair } from './keys';
import { ContextRejected } from './signed-context';

/**
 * A permissions assertion: the gateway's Ed25519 signature over one
 * audience's permissions (their wire form) and their digest, for one subgraph.
 * Signed once per (digest, subgraph) and reused for its lifetime; a subgraph
 * verifies it once and keeps the parsed permissions by digest, so each fetch
 * names them by digest only.
 *
 * It travels in the body extension below, and only when a subgraph asks for
 * it (`ASSERTION_REQUIRED_HEADER` on a 401): a header would grow with the
 * grants until a proxy or Node answers 431, a body has room and is covered by
 * the fetch's seal like every other byte of it.
 */
export const ASSERTION_EXTENSION = 'edupoolPermissions';
export const ASSERTION_REQUIRED_HEADER = 'x-edupool-assertion-required';
const ASSERTION_ISSUER = 'edupool-gateway';

/** Same permissions, same digest: serializePermissions writes the same bytes whatever the order of grants. */
export function permissionsDigest(wire: unknown): string {
  return createHash('sha256').update(JSON.stringify(wire)).digest('base64url');
}

export async function signAssertion(keys: KeyPair, audience: string, wire: unknown, digest: string, ttlSeconds: number): Promise<string> {
  if (!keys.privateKey) throw new Error('This process holds no context signing key.');
  return new SignJWT({ pd: digest, perms: wire })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM })
    .setIssuer(ASSERTION_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keys.privateKey);
}

export interface VerifiedAssertion {
  readonly digest: string;
  readonly wire: unknown;
  readonly expiresAtMs: number;
}

export async function verifyAssertion(keys: KeyPair, audience: string, token: unknown): Promise<VerifiedAssertion> {
  if (typeof token !== 'string') throw new ContextRejected('permissions assertion missing or not a string');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: [SIGNING_ALGORITHM], issuer: ASSERTION_ISSUER, audience, requiredClaims: ['exp'],
    }));
  } catch {
    throw new ContextRejected('invalid permissions assertion');
  }
  if (typeof payload.pd !== 'string' || payload.perms === undefined) throw new ContextRejected('permissions assertion without permissions');
  return { digest: payload.pd, wire: payload.perms, expiresAtMs: payload.exp! * 1000 };
}
