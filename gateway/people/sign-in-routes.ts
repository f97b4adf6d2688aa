import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { errors, type ErrorShape } from '../../policies/errors';
import { judgeSignIn } from '../../policies/people';
import { MAX_TOKEN_TTL_SECONDS } from '../../policies/token-revocation';
import type { Clock } from '../../platform/clock';
import { copyToHotState, tokenRevocationEntry, type HotState } from '../../platform/hot-state';
import { readBody, RefusedRequest, sendJson, sendRefusal, type Route } from '../../platform/http-graphql';
import type { KeyPair } from '../../platform/keys';
import type { Logger } from '../../platform/logger';
import { verifyPassword } from '../../platform/passwords';
import { verifyToken } from '../../platform/tokens';
import type { TokenRevocationsRepository } from '../../store';
import type { Account, AccountsRepository } from '../../store/people';
import { clearedSessionCookie, forgetSession, sessionCookieOf, startSession, type SessionSettings } from './console-session';

/**
 * Password sign-in for the embedded default's accounts (production signs in
 * through OIDC): POST /auth/sign-in with JSON {login, password} sets the
 * session cookie; POST /auth/sign-out revokes it on every gateway; GET
 * /auth/session says who is signed in, with the roles as the store holds them
 * now (a role taken away shows at once).
 */
export interface SignInDependencies {
  readonly accounts: AccountsRepository;
  readonly revocations: TokenRevocationsRepository;
  readonly hotState: HotState;
  readonly tokenKeys: KeyPair;
  readonly session: SessionSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly unitName: (code: string) => string | undefined;
  /** The gateway's authenticator: GET /auth/session checks the cookie exactly as /graphql does. */
  readonly authenticate: (request: IncomingMessage) => Promise<{ readonly person?: string }>;
}

const MAX_SIGN_IN_BODY_BYTES = 4_096;

const signInBody = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

// Verified when the login is unknown, so an unknown login costs what a wrong password costs.
const UNKNOWN_ACCOUNT_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const WRONG_CREDENTIALS = 'The login or the password is wrong.';

export function personView(account: Account, unitName: (code: string) => string | undefined) {
  return {
    id: account.id, login: account.login, displayName: account.displayName,
    unit: { code: account.unit, name: unitName(account.unit) ?? account.unit }, roles: account.roles,
  };
}

export function signInRoutes(deps: SignInDependencies): Route[] {
  const refuse = (status: number, shape: ErrorShape): never => {
    throw new RefusedRequest(status, shape);
  };
  const answer = (handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>) =>
    async (request: IncomingMessage, response: ServerResponse) => {
      try {
        await handle(request, response);
      } catch (error) {
        if (!(error instanceof RefusedRequest)) throw error;
        sendRefusal(response, error);
      }
    };

  const signIn = async (request: IncomingMessage, response: ServerResponse) => {
    if (!request.headers['content-type']?.toLowerCase().startsWith('application/json')) {
      refuse(415, errors.badUserInput('content-type', 'sign in with a JSON POST: {"login": "…", "password": "…"}.'));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readBody(request, MAX_SIGN_IN_BODY_BYTES));
    } catch (error) {
      if (error instanceof RefusedRequest) throw error;
      refuse(400, errors.badUserInput('body', 'the request body is not valid JSON.'));
    }
    const body = signInBody.safeParse(parsed);
    if (!body.success) return refuse(400, errors.badUserInput('login, password', 'give both, as strings (login ≤ 100, password ≤ 200 characters).'));
    const found = await deps.accounts.forSignIn(body.data.login);
    const matches = await verifyPassword(body.data.password, found?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
    if (!found || found.passwordHash === null || found.account.disabled) return refuse(401, errors.signInRefused(WRONG_CREDENTIALS));
    const now = deps.clock.now();
    const verdict = judgeSignIn(found.account.signIn, matches, now);
    await deps.accounts.recordSignIn(found.account.id, verdict.next);
    if (verdict.kind === 'locked') {
      deps.logger.warn({ account: found.account.id, until: verdict.until }, 'account locked after repeated failed sign-ins');
      return refuse(401, errors.accountLocked(verdict.until));
    }
    if (verdict.kind === 'refused') return refuse(401, errors.signInRefused(WRONG_CREDENTIALS));
    const { cookie } = await startSession(deps.tokenKeys, deps.hotState, deps.session, found.account, now);
    deps.logger.info({ account: found.account.id, unit: found.account.unit }, 'person signed in');
    sendJson(response, 200, { person: personView(found.account, deps.unitName) }, { 'set-cookie': cookie, 'cache-control': 'no-store' });
  };

  const signOut = async (request: IncomingMessage, response: ServerResponse) => {
    if (!request.headers['content-type']?.toLowerCase().startsWith('application/json')) {
      refuse(415, errors.badUserInput('content-type', 'sign out with a JSON POST (an empty object will do).'));
    }
    const cookie = sessionCookieOf(request);
    if (cookie) {
      const claims = await verifyToken(deps.tokenKeys, cookie, deps.clock.now()).catch(() => undefined);
      if (claims?.person) {
        const now = deps.clock.now();
        const revocation = await deps.revocations.revokeToken({
          jti: claims.jti, unit: claims.unit, revokedAt: now, expiresAt: new Date(now.getTime() + MAX_TOKEN_TTL_SECONDS * 1000),
          revokedBy: claims.person, reason: 'signed out',
        });
        await copyToHotState(deps.hotState, [tokenRevocationEntry(revocation, now)])
          .catch((error: unknown) => deps.logger.warn({ err: error }, 'sign-out committed but not copied to the hot state; gateways read the store'));
        await forgetSession(deps.hotState, claims.jti);
      }
    }
    sendJson(response, 200, { signedOut: true }, { 'set-cookie': clearedSessionCookie(deps.session), 'cache-control': 'no-store' });
  };

  const whoAmI = async (request: IncomingMessage, response: ServerResponse) => {
    const context = await deps.authenticate(request);
    const account = context.person ? await deps.accounts.byId(context.person) : undefined;
    if (!account || account.disabled) return refuse(401, errors.signInRefused('Nobody is signed in.'));
    sendJson(response, 200, { person: personView(account, deps.unitName) }, { 'cache-control': 'no-store' });
  };

  return [
    { method: 'GET', path: '/auth/session', handle: answer(whoAmI) },
    { method: 'POST', path: '/auth/sign-in', handle: answer(signIn) },
    { method: 'POST', path: '/auth/sign-out', handle: answer(signOut) },
  ];
}
