import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import type { OidcSettings } from '../../platform/config';
import type { Logger } from '../../platform/logger';

/**
 * The pool as an OpenID Connect relying party of the city's identity platform
 * (authorization code flow with PKCE S256, state and nonce). The protocol is
 * left to openid-client: it checks the callback's state, exchanges the code,
 * and validates the ID token's signature, issuer, audience, expiry and nonce.
 *
 * Discovery is lazy with retry: tried once at start-up without holding the
 * gateway up, and again on each sign-in while it has not succeeded, so a
 * platform that is down at start-up (or was never reachable) costs a clear
 * "unavailable" answer on /auth/oidc/start, never a crash nor a gateway that
 * must be restarted once the platform is back.
 */
export interface RelyingParty {
  /** The callback URL registered with the platform (OIDC_REDIRECT_URI). */
  readonly redirectUri: string;
  /** Starts discovery in the background (start-up): failures are logged and retried on first use. */
  warmUp(): void;
  /** The authorization URL to send the browser to, and the flow's secrets to keep until the callback. */
  begin(): Promise<{ readonly url: URL; readonly flow: OidcFlow }>;
  /** Finishes the flow at the callback URL: the person's issuer, subject and claims (ID token, then userinfo). */
  finish(callbackUrl: URL, flow: OidcFlow): Promise<OidcIdentity>;
}

export interface OidcFlow {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface OidcIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

/** The identity platform did not answer (discovery, token or userinfo request): sign-in cannot go on now. */
export class IdentityProviderUnavailable extends Error {}

/** The identity platform answered the callback with an error (the person cancelled, or was refused there). */
export class IdentityProviderRefused extends Error {
  constructor(readonly error: string, description: string | undefined) {
    super(`the identity platform answered ${error}${description ? `: ${description}` : ''}`);
  }
}

// Seconds for each request to the platform: a sign-in waits at most this long before it is told to retry.
const REQUEST_TIMEOUT_SECONDS = 10;

export function createRelyingParty(settings: OidcSettings, logger: Logger): RelyingParty {
  let discovered: Promise<{ client: typeof OpenIdClient; configuration: OpenIdClient.Configuration }> | undefined;

  const discover = () => {
    discovered ??= (async () => {
      const client = await import('openid-client');
      try {
        const configuration = await client.discovery(
          settings.issuer, settings.clientId, { redirect_uris: [settings.redirectUri] }, client.ClientSecretBasic(settings.clientSecret),
          {
            timeout: REQUEST_TIMEOUT_SECONDS,
            // config.ts allows plain HTTP only outside production (a platform on this machine in tests and development).
            ...(settings.issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
          },
        );
        logger.info({ issuer: configuration.serverMetadata().issuer }, 'OIDC identity platform discovered');
        return { client, configuration };
      } catch (error) {
        throw new IdentityProviderUnavailable(`discovery at ${settings.issuer.href} failed: ${(error as Error).message}`);
      }
    })();
    // A failure is not kept: the next sign-in tries again.
    discovered.catch(() => {
      discovered = undefined;
    });
    return discovered;
  };

  return {
    redirectUri: settings.redirectUri,
    warmUp: () => {
      discover().catch((error: unknown) => logger.warn({ err: error }, 'OIDC identity platform not reachable yet; retried on the next sign-in'));
    },

    begin: async () => {
      const { client, configuration } = await discover();
      const flow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, flow };
    },

    finish: async (callbackUrl, flow) => {
      const { client, configuration } = await discover();
      try {
        const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
        });
        const idToken = tokens.claims()!;
        let claims: Record<string, unknown> = { ...idToken };
        // Platforms that follow the core spec to the letter put profile claims in userinfo only, not in the ID token.
        if (claims[settings.unitClaim] === undefined && configuration.serverMetadata().userinfo_endpoint) {
          const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
          claims = { ...userInfo, ...idToken };
        }
        return { issuer: idToken.iss, subject: idToken.sub, claims };
      } catch (error) {
        if (error instanceof client.AuthorizationResponseError) throw new IdentityProviderRefused(error.error, error.error_description);
        if (isNetworkFailure(error)) throw new IdentityProviderUnavailable((error as Error).message);
        throw error;
      }
    },
  };
}

/** fetch's own failures (refused connection, DNS, time-out), as opposed to an answer the library judged wrong. */
function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error instanceof TypeError && error.message === 'fetch failed') || error.name === 'TimeoutError' || error.name === 'AbortError';
}
