import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkClientScope } from '../../policies/people';
import { clientSecretMatches } from '../../platform/app-secrets';
import type { Clock } from '../../platform/clock';
import { readBody, RefusedRequest, sendJson, type Route } from '../../platform/http-graphql';
import type { KeyPair } from '../../platform/keys';
import type { Logger } from '../../platform/logger';
import { issueToken } from '../../platform/tokens';
import type { AppCredentialsRepository } from '../../store/people';

/**
 * The OAuth 2.0 token endpoint for registered apps: the client-credentials
 * grant (RFC 6749 §4.4), client authentication by HTTP Basic or by the
 * request body (§2.3.1), error responses as §5.2 defines them. The token is
 * an ordinary pool token of the app's unit, narrowed to the app's scope (or
 * the part of it the request asks for), carrying the app's declared purpose
 * and its client id, so every read it makes is audited as the app's.
 */
export interface TokenEndpointDependencies {
  readonly apps: AppCredentialsRepository;
  readonly tokenKeys: KeyPair;
  readonly ttlSeconds: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';

class OAuthRefusal extends Error {
  constructor(readonly status: number, readonly error: OAuthError, readonly description: string) {
    super(description);
  }
}

const MAX_TOKEN_REQUEST_BYTES = 4_096;
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

interface ClientAuthentication {
  readonly clientId: string;
  readonly secret: string;
  readonly basic: boolean;
}

/** §2.3.1: Basic carries the form-urlencoded id and secret; a client uses one method only. */
function clientAuthentication(request: IncomingMessage, form: URLSearchParams): ClientAuthentication {
  const header = request.headers.authorization;
  const inBody = form.has('client_id') || form.has('client_secret');
  if (header !== undefined) {
    if (inBody) throw new OAuthRefusal(400, 'invalid_request', 'Authenticate the client one way: HTTP Basic or client_id/client_secret in the body, not both.');
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw new OAuthRefusal(401, 'invalid_client', 'The Authorization header must be Basic base64(client_id:client_secret).');
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)), basic: true };
  }
  const clientId = form.get('client_id');
  const secret = form.get('client_secret');
  if (!clientId || !secret) throw new OAuthRefusal(401, 'invalid_client', 'Authenticate the client: HTTP Basic, or client_id and client_secret in the body.');
  return { clientId, secret, basic: false };
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  if (request.headers['content-type']?.toLowerCase().split(';')[0]?.trim() !== 'application/x-www-form-urlencoded') {
    throw new OAuthRefusal(400, 'invalid_request', 'Send the token request as application/x-www-form-urlencoded (RFC 6749 §4.4.2).');
  }
  let text: string;
  try {
    text = await readBody(request, MAX_TOKEN_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof RefusedRequest) throw new OAuthRefusal(400, 'invalid_request', `The token request is larger than ${MAX_TOKEN_REQUEST_BYTES} bytes.`);
    throw error;
  }
  const form = new URLSearchParams(text);
  for (const name of new Set(form.keys())) {
    if (form.getAll(name).length > 1) throw new OAuthRefusal(400, 'invalid_request', `Parameter ${name} is given more than once (RFC 6749 §3.2).`);
  }
  return form;
}

export function tokenEndpointRoute(deps: TokenEndpointDependencies): Route {
  const issue = async (request: IncomingMessage) => {
    const form = await readForm(request);
    const grantType = form.get('grant_type');
    if (!grantType) throw new OAuthRefusal(400, 'invalid_request', 'grant_type is missing; use client_credentials.');
    const client = clientAuthentication(request, form);
    const found = await deps.apps.forClientAuthentication(client.clientId);
    if (!found || found.app.revokedAt || !clientSecretMatches(client.secret, found.secretHash)) {
      throw new OAuthRefusal(401, 'invalid_client', 'Unknown client, wrong secret, or the app\'s credentials were revoked.');
    }
    if (grantType !== 'client_credentials') {
      throw new OAuthRefusal(400, 'unsupported_grant_type', `grant_type ${grantType.replace(/[^\x20-\x7e]/g, '?').slice(0, 40)} is not supported here; apps use client_credentials.`);
    }
    const scope = checkClientScope(found.app.scope, form.get('scope') ?? undefined);
    if (!scope.ok) {
      throw new OAuthRefusal(400, 'invalid_scope', `The app is not registered for ${scope.outside.slice(0, 5).join(', ')}; it may ask for ${found.app.scope.join(' ')}.`);
    }
    const token = await issueToken(deps.tokenKeys, {
      unit: found.app.unit, ttlSeconds: deps.ttlSeconds, scope: scope.scope, purpose: found.app.purpose, client: found.app.clientId,
    }, deps.clock.now());
    deps.logger.info({ client: found.app.clientId, unit: found.app.unit }, 'app token issued');
    return { access_token: token, token_type: 'Bearer', expires_in: deps.ttlSeconds, scope: scope.scope.join(' ') };
  };
  return {
    method: 'POST',
    path: '/oauth/token',
    handle: async (request: IncomingMessage, response: ServerResponse) => {
      try {
        sendJson(response, 200, await issue(request), NO_STORE);
      } catch (error) {
        if (!(error instanceof OAuthRefusal)) throw error;
        const challenge: Record<string, string> = error.status === 401 ? { 'www-authenticate': 'Basic realm="edupool", charset="UTF-8"' } : {};
        sendJson(response, error.status, { error: error.error, error_description: error.description }, { ...NO_STORE, ...challenge });
      }
    },
  };
}
