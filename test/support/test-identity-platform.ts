import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter, AdapterPayload } from 'oidc-provider' with { 'resolution-mode': 'import' };

/**
 * A real OpenID Connect provider (oidc-provider) standing in for the city's
 * identity platform, on 127.0.0.1. Its sign-in page is reduced to a choice the
 * test makes beforehand: `signInAs(subject)` logs the next browser in as that
 * subject (whose claims are given in `people`), `refuseNextSignIn()` has the
 * platform answer access_denied instead. Consent is granted at once.
 *
 * It is made first and listens only when told, so a test can meet the port
 * with nobody there (the platform down) and then bring it up without a pause:
 * making it (a key pair, loading the library) blocks this process, which the
 * pool under test shares.
 */
export interface TestIdentityPlatform {
  readonly issuer: string;
  listen(): Promise<void>;
  signInAs(subject: string): void;
  refuseNextSignIn(): void;
  close(): Promise<void>;
}

export interface TestClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

export async function createTestIdentityPlatform(
  port: number, client: TestClient, people: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): Promise<TestIdentityPlatform> {
  const { default: Provider } = await import('oidc-provider');
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const signingKey = privateKey.export({ format: 'jwk' });
  let next: { kind: 'sign-in'; subject: string } | { kind: 'refuse' } = { kind: 'refuse' };
  const claimNames = [...new Set(Object.values(people).flatMap((claims) => Object.keys(claims)))];

  const provider = new Provider(issuer, {
    // The provider's own memory adapter and default lifetimes work too, but announce themselves on the console at every start.
    adapter: memoryAdapter(),
    ttl: { Interaction: 600, Session: 3_600, Grant: 3_600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    clients: [{
      client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [client.redirectUri],
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [{ ...signingKey, kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-identity-platform-cookie-key'] },
    claims: { openid: ['sub'], profile: claimNames },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { methods: ['S256'], required: () => true },
    findAccount: (_ctx, subject) => {
      const claims = people[subject];
      return claims ? { accountId: subject, claims: () => ({ sub: subject, ...claims }) } : undefined;
    },
  });

  const interact = async (request: IncomingMessage, response: ServerResponse) => {
    const details = await provider.interactionDetails(request, response);
    if (next.kind === 'refuse') {
      await provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'refused by the test' }, { mergeWithLastSubmission: false });
      return;
    }
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(request, response, { login: { accountId: next.subject } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };

  const callback = provider.callback();
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/interaction/')) {
      interact(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
      return;
    }
    void callback(request, response);
  });
  return {
    issuer,
    listen: async () => {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      if ((server.address() as AddressInfo).port !== port) throw new Error('the identity platform did not get its port');
    },
    signInAs: (subject) => {
      next = { kind: 'sign-in', subject };
    },
    refuseNextSignIn: () => {
      next = { kind: 'refuse' };
    },
    close: () => new Promise<void>((resolve, reject) => {
      if (!server.listening) return resolve();
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

/** Everything the provider keeps, in this process: it lives as long as the test file. */
function memoryAdapter(): (name: string) => Adapter {
  const stored = new Map<string, AdapterPayload>();
  return (name) => {
    const key = (id: string) => `${name}:${id}`;
    const findWhere = async (match: (payload: AdapterPayload) => boolean) => [...stored.entries()]
      .find(([storedKey, payload]) => storedKey.startsWith(`${name}:`) && match(payload))?.[1];
    return {
      upsert: async (id, payload) => {
        stored.set(key(id), payload);
      },
      find: async (id) => stored.get(key(id)),
      findByUid: (uid) => findWhere((payload) => payload.uid === uid),
      findByUserCode: (userCode) => findWhere((payload) => payload.userCode === userCode),
      consume: async (id) => {
        const payload = stored.get(key(id));
        if (payload) stored.set(key(id), { ...payload, consumed: Math.floor(Date.now() / 1000) });
      },
      destroy: async (id) => {
        stored.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [storedKey, payload] of stored) if (payload.grantId === grantId) stored.delete(storedKey);
      },
    };
  };
}
