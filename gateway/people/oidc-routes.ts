import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { errors } from '../../policies/errors';
import { readOidcPerson, type OidcClaimNames, type OidcPersonVerdict } from '../../policies/people';
import type { UnitType } from '../../policies/units';
import type { Clock } from '../../platform/clock';
import type { HotState } from '../../platform/hot-state';
import { RefusedRequest, sendJson, sendRefusal, type Route } from '../../platform/http-graphql';
import type { KeyPair } from '../../platform/keys';
import type { Logger } from '../../platform/logger';
import type { Account, AccountsRepository } from '../../store/people';
import { startSession, type SessionSettings } from './console-session';
import { IdentityProviderRefused, IdentityProviderUnavailable, type OidcFlow, type RelyingParty } from './oidc-relying-party';

/**
 * Sign-in through the city's identity platform (OIDC), beside password
 * sign-in: GET /auth/methods says which methods are on (the console shows the
 * 统一身份认证登录 button only when OIDC is); GET /auth/oidc/start sends the
 * browser to the platform; GET /auth/oidc/callback finishes there, finds or
 * provisions the person's account, and sets the same session cookie as
 * password sign-in.
 *
 * The flow's secrets (state, nonce, PKCE verifier) wait in the shared hot
 * state for FLOW_TTL_SECONDS, so any gateway instance can finish a flow
 * another started, and each is used once. The state is also bound to the
 * browser that started the flow by a cookie, so nobody can sign a victim in
 * as themselves by sending them a callback link (login CSRF).
 *
 * Every failure at the callback lands on the console's sign-in page with a
 * code (/console/?signInError=…) that the page puts in Chinese; the details
 * go to the log, never to the browser.
 */
export interface OidcRouteDependencies {
  /** Absent when OIDC is not configured: only /auth/methods is served, saying so. */
  readonly relyingParty?: RelyingParty;
  readonly claimNames: OidcClaimNames;
  readonly accounts: AccountsRepository;
  readonly hotState: HotState;
  readonly tokenKeys: KeyPair;
  readonly session: SessionSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly unitTypeOf: (code: string) => UnitType | undefined;
}

/** The codes the console's sign-in page explains (console/src/pages/SignInPage.tsx has the Chinese for each). */
export type OidcSignInError =
  | 'oidc_state' | 'oidc_refused' | 'oidc_unavailable' | 'oidc_unit_missing' | 'oidc_unit_unknown' | 'oidc_roles_invalid'
  | 'oidc_unit_changed' | 'oidc_disabled' | 'oidc_failed';

const FLOW_TTL_SECONDS = 600;
const FLOW_COOKIE = 'edupool_oidc_state';
const FLOW_COOKIE_PATH = '/auth/oidc';
// Who granted roles that came in the platform's roles claim (account_roles.granted_by).
const GRANTED_BY_PLATFORM = 'identity-platform';

const flowKey = (state: string) => `oidc:flow:${state}`;
const usedKey = (state: string) => `oidc:used:${state}`;

class SignInFailed extends Error {
  constructor(readonly code: OidcSignInError, detail: string) {
    super(detail);
  }
}

const refusalCodes: Readonly<Record<Extract<OidcPersonVerdict, { kind: 'refused' }>['reason'], OidcSignInError>> = {
  'unit-missing': 'oidc_unit_missing',
  'unit-unknown': 'oidc_unit_unknown',
  'roles-invalid': 'oidc_roles_invalid',
};

export function oidcRoutes(deps: OidcRouteDependencies): Route[] {
  const methods: Route = {
    method: 'GET', path: '/auth/methods',
    handle: async (_request, response) => sendJson(response, 200, { password: true, oidc: deps.relyingParty !== undefined }, { 'cache-control': 'no-store' }),
  };
  const party = deps.relyingParty;
  if (!party) return [methods];

  // Secure in production; SameSite=Lax because the platform's redirect back to the callback is a cross-site navigation.
  const flowCookie = (value: string, maxAge: number) => serializeCookie(FLOW_COOKIE, value, {
    httpOnly: true, secure: deps.session.secure, sameSite: 'lax', path: FLOW_COOKIE_PATH, maxAge,
  });

  const start = async (request: IncomingMessage, response: ServerResponse) => {
    try {
      const { url, flow } = await party.begin();
      await deps.hotState.set(flowKey(flow.state), JSON.stringify(flow), FLOW_TTL_SECONDS);
      response.writeHead(302, { location: url.href, 'set-cookie': flowCookie(flow.state, FLOW_TTL_SECONDS), 'cache-control': 'no-store' });
      response.end();
    } catch (error) {
      const unavailable = error instanceof IdentityProviderUnavailable;
      deps.logger[unavailable ? 'warn' : 'error']({ err: error }, 'OIDC sign-in could not start');
      // A browser (the console's button) is shown the reason on the sign-in page; any other client gets the 503 itself.
      if (wantsPage(request)) return redirectToSignIn(response, unavailable ? 'oidc_unavailable' : 'oidc_failed');
      if (!unavailable) throw error;
      sendRefusal(response, new RefusedRequest(503, errors.identityPlatformUnavailable()));
    }
  };

  /** The flow this callback finishes: known, unexpired, begun in this browser, and not finished before. */
  const takeFlow = async (request: IncomingMessage, state: string | null): Promise<OidcFlow> => {
    if (!state) throw new SignInFailed('oidc_state', 'callback without state');
    const cookieState = request.headers.cookie ? parseCookies(request.headers.cookie)[FLOW_COOKIE] : undefined;
    if (cookieState !== state) throw new SignInFailed('oidc_state', 'callback state is not the one this browser started');
    const stored = await deps.hotState.get(flowKey(state));
    if (!stored) throw new SignInFailed('oidc_state', 'unknown or expired state');
    if (!(await deps.hotState.setIfAbsent(usedKey(state), '1', FLOW_TTL_SECONDS))) throw new SignInFailed('oidc_state', 'state used before (replay)');
    await deps.hotState.delete(flowKey(state));
    return JSON.parse(stored) as OidcFlow;
  };

  const personOf = async (issuer: string, subject: string, claims: Readonly<Record<string, unknown>>): Promise<Account> => {
    const verdict = readOidcPerson(claims, deps.claimNames, deps.unitTypeOf);
    if (verdict.kind === 'refused') throw new SignInFailed(refusalCodes[verdict.reason], `${verdict.detail} (subject ${subject})`);
    const now = deps.clock.now();
    const existing = await deps.accounts.byOidcSubject(issuer, subject);
    if (existing) {
      if (existing.disabled) throw new SignInFailed('oidc_disabled', `account ${existing.id} is disabled`);
      // A person who moved to another unit needs a new account there; acting for the old unit would be wrong.
      if (existing.unit !== verdict.unit) throw new SignInFailed('oidc_unit_changed', `account ${existing.id} acts for ${existing.unit}, the platform says ${verdict.unit}`);
      // With a roles claim the platform manages roles; without one, the roles assigned in the console stand.
      if (verdict.roles && verdict.roles.join() !== [...existing.roles].sort().join()) return deps.accounts.setRoles(existing.id, verdict.roles, GRANTED_BY_PLATFORM, now);
      return existing;
    }
    const created = await deps.accounts.provisionOidc({
      unit: verdict.unit, login: `oidc:${subject}`, displayName: verdict.displayName, oidc: { issuer, subject },
      roles: verdict.roles ?? [], grantedBy: GRANTED_BY_PLATFORM,
    }, now);
    if (!created) throw new SignInFailed('oidc_failed', `login oidc:${subject} is taken by another account`);
    deps.logger.info({ account: created.id, unit: created.unit, roles: created.roles }, 'account provisioned from the identity platform');
    return created;
  };

  const callback = async (request: IncomingMessage, response: ServerResponse) => {
    const search = new URL(request.url ?? '/', 'http://callback').search;
    // The configured redirect URI, not the Host header: it is what the platform was given and will compare.
    const callbackUrl = new URL(search, party.redirectUri);
    const clearFlow = flowCookie('', 0);
    try {
      const flow = await takeFlow(request, callbackUrl.searchParams.get('state'));
      const identity = await party.finish(callbackUrl, flow);
      const account = await personOf(identity.issuer, identity.subject, identity.claims);
      const { cookie } = await startSession(deps.tokenKeys, deps.hotState, deps.session, account, deps.clock.now());
      deps.logger.info({ account: account.id, unit: account.unit }, 'person signed in through the identity platform');
      response.writeHead(302, { location: '/console/', 'set-cookie': [cookie, clearFlow], 'cache-control': 'no-store' });
      response.end();
    } catch (error) {
      const code = codeOf(error);
      // A refusal the pool meant is a warning; anything else (a token the library judged wrong, the store failing) an error.
      const expected = error instanceof SignInFailed || error instanceof IdentityProviderRefused || error instanceof IdentityProviderUnavailable;
      deps.logger[expected ? 'warn' : 'error']({ err: error, signInError: code }, 'OIDC sign-in refused');
      redirectToSignIn(response, code, clearFlow);
    }
  };

  return [
    methods,
    { method: 'GET', path: '/auth/oidc/start', handle: start },
    { method: 'GET', path: '/auth/oidc/callback', handle: callback },
  ];
}

function codeOf(error: unknown): OidcSignInError {
  if (error instanceof SignInFailed) return error.code;
  if (error instanceof IdentityProviderRefused) return 'oidc_refused';
  if (error instanceof IdentityProviderUnavailable) return 'oidc_unavailable';
  return 'oidc_failed';
}

function wantsPage(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function redirectToSignIn(response: ServerResponse, code: OidcSignInError, cookie?: string): void {
  response.writeHead(302, { location: `/console/?signInError=${code}`, 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) });
  response.end();
}
