import type { IncomingMessage } from 'node:http';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { HotState } from '../../platform/hot-state';
import { HotStateUnavailable } from '../../platform/hot-state';
import type { KeyPair } from '../../platform/keys';
import { issueToken, verifyToken, type TokenClaims } from '../../platform/tokens';

/**
 * A signed-in person's session is a pool token naming the person, carried in
 * an HttpOnly cookie so no script of the page can read it. It ends at the
 * first of: its absolute lifetime (the token's `exp`), an idle spell (a
 * hot-state key refreshed on every request, gone when idle too long), or
 * sign-out, which revokes the token's jti through the same denylist every
 * gateway reads (instant revocation on every instance).
 *
 * CSRF: the cookie is SameSite=Strict, and every state-changing request must
 * be a JSON POST (sign-in, sign-out, /graphql with Apollo's CSRF prevention),
 * which a cross-site form cannot send without a preflight.
 */
export const SESSION_COOKIE = 'edupool_session';

export interface SessionSettings {
  readonly absoluteSeconds: number;
  readonly idleSeconds: number;
  /** Secure cookies (HTTPS only): on in production. */
  readonly secure: boolean;
}

const idleKey = (jti: string): string => `session:active:${jti}`;

export function sessionCookieOf(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return parseCookies(header)[SESSION_COOKIE];
}

export async function startSession(
  keys: KeyPair, hotState: HotState, settings: SessionSettings, person: { id: string; unit: string }, now: Date,
): Promise<{ cookie: string; claims: TokenClaims }> {
  const token = await issueToken(keys, { unit: person.unit, person: person.id, ttlSeconds: settings.absoluteSeconds }, now);
  const claims = await verifyToken(keys, token, now);
  await hotState.set(idleKey(claims.jti), '1', settings.idleSeconds);
  return { cookie: cookieHeader(token, settings, settings.absoluteSeconds), claims };
}

/** A Set-Cookie value that removes the session cookie from the browser. */
export function clearedSessionCookie(settings: SessionSettings): string {
  return cookieHeader('', settings, 0);
}

function cookieHeader(value: string, settings: SessionSettings, maxAgeSeconds: number): string {
  return serializeCookie(SESSION_COOKIE, value, {
    httpOnly: true, secure: settings.secure, sameSite: 'strict', path: '/', maxAge: maxAgeSeconds,
  });
}

export class SessionIdle extends Error {}

/**
 * Refreshes the idle clock of a live session, or throws SessionIdle when it
 * has run out. HotStateUnavailable propagates: the caller fails closed.
 */
export async function touchSession(hotState: HotState, settings: SessionSettings, jti: string): Promise<void> {
  if (!(await hotState.exists(idleKey(jti)))) throw new SessionIdle('The session ended after a spell of inactivity. Sign in again.');
  await hotState.set(idleKey(jti), '1', settings.idleSeconds);
}

export async function forgetSession(hotState: HotState, jti: string): Promise<void> {
  try {
    await hotState.delete(idleKey(jti));
  } catch (error) {
    // The jti is revoked in the store already; the idle key only ages out.
    if (!(error instanceof HotStateUnavailable)) throw error;
  }
}
