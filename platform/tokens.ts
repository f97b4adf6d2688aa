import { randomUUID } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { MAX_TOKEN_TTL_SECONDS } from '../policies/token-revocation';
import { SIGNING_ALGORITHM, type KeyPair } from './keys';

/**
 * Client tokens: JWTs signed by the pool naming the unit (`sub`) and a `jti`,
 * optionally narrowed to catalog resources or one share application, with a
 * purpose (DESIGN.md "Units, tokens, grants"). Algorithms are pinned and `exp`
 * is required, so `alg: none`, HS/RS confusion and everlasting tokens all fail.
 */
export const TOKEN_ISSUER = 'edupool';
export const TOKEN_AUDIENCE = 'edupool-gateway';
const MAX_TTL_SECONDS = MAX_TOKEN_TTL_SECONDS;

export interface TokenClaims {
  readonly unit: string;
  readonly jti: string;
  /** `iat`, in whole seconds: a unit's cut-off revokes the tokens issued at or before it. */
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly scope?: ReadonlyArray<string>;
  readonly application?: string;
  readonly purpose?: string;
  /** The signed-in person (an account id) a console session acts for. */
  readonly person?: string;
  /** The registered app (its client id) a client-credentials token was issued to. */
  readonly client?: string;
}

export interface TokenRequest {
  readonly unit: string;
  readonly ttlSeconds: number;
  readonly scope?: ReadonlyArray<string>;
  readonly application?: string;
  readonly purpose?: string;
  readonly person?: string;
  readonly client?: string;
}

/** Parses `8h`, `30m`, `45s`, `2d` or plain seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match) throw new RangeError(`TTL "${text}" is not like 8h, 30m, 45s or 2d`);
  const unitSeconds = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unitSeconds;
  if (seconds <= 0 || seconds > MAX_TTL_SECONDS) throw new RangeError(`TTL must be between 1 s and 30 days, got ${text}`);
  return seconds;
}

export async function issueToken(keys: KeyPair, request: TokenRequest, now = new Date()): Promise<string> {
  if (!keys.privateKey) throw new Error('This process holds no token signing key.');
  if (request.ttlSeconds > MAX_TTL_SECONDS) throw new RangeError(`TTL must be at most 30 days, got ${request.ttlSeconds} s`);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    ...(request.scope?.length ? { scope: [...request.scope] } : {}),
    ...(request.application ? { application: request.application } : {}),
    ...(request.purpose ? { purpose: request.purpose } : {}),
    ...(request.person ? { person: request.person } : {}),
    ...(request.client ? { client: request.client } : {}),
  })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(request.unit)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .sign(keys.privateKey);
}

export type TokenFailure = 'missing' | 'malformed' | 'expired' | 'invalid' | 'revoked';

export class TokenRejected extends Error {
  constructor(readonly failure: TokenFailure, message: string) {
    super(message);
  }
}

/** Verifies a bearer token; throws TokenRejected with a client-safe message. */
export async function verifyToken(keys: KeyPair, token: string, now = new Date()): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: [SIGNING_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'jti', 'sub', 'iat'],
      currentDate: now,
    });
    // A revocation by jti is kept for the longest TTL only, so a longer-lived token could outlive it.
    if (payload.exp! - payload.iat! > MAX_TTL_SECONDS) throw new TokenRejected('invalid', 'The token lives longer than the pool allows (30 days).');
    const scope = Array.isArray(payload.scope) && payload.scope.every((s) => typeof s === 'string')
      ? (payload.scope as string[]) : undefined;
    return {
      unit: payload.sub!,
      jti: payload.jti!,
      issuedAt: new Date(payload.iat! * 1000),
      expiresAt: new Date(payload.exp! * 1000),
      ...(scope ? { scope } : {}),
      ...(typeof payload.application === 'string' ? { application: payload.application } : {}),
      ...(typeof payload.purpose === 'string' ? { purpose: payload.purpose } : {}),
      ...(typeof payload.person === 'string' ? { person: payload.person } : {}),
      ...(typeof payload.client === 'string' ? { client: payload.client } : {}),
    };
  } catch (error) {
    if (error instanceof TokenRejected) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new TokenRejected('expired', 'The token has expired.');
    if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) {
      throw new TokenRejected('malformed', 'The token is not a well-formed JWT.');
    }
    throw new TokenRejected('invalid', 'The token was not issued by this pool or is not valid for it.');
  }
}

/** Extracts the token from an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string {
  if (!header) throw new TokenRejected('missing', 'This request carries no token.');
  const match = /^Bearer\s+([A-Za-z0-9_\-.]+)$/i.exec(header.trim());
  if (!match) throw new TokenRejected('malformed', 'The Authorization header must be "Bearer <token>".');
  return match[1]!;
}
