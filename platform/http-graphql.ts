import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { errors, type ErrorShape } from '../policies/errors';
import { countEarlyRefusal } from './observability/request-metrics';
import { withServerSpan } from './observability/tracing';
import { cutEchoes } from './graphql-errors';
import { closeGracefully } from './close-gracefully';
import { checkReadiness, type Probe } from './readiness';
import { isUnavailableAnswer, RETRY_AFTER_SECONDS } from './unavailable-answer';

/**
 * A small node:http front for Apollo Server, shared by the gateway and every
 * subgraph: one place that bounds the request body, answers `/health`, and
 * turns refusals that happen before GraphQL runs into GraphQL-shaped JSON with
 * our codes (never an HTML error page or a stack).
 */
export interface GraphQLHttpOptions<TContext extends BaseContext> {
  /** The part's name in metrics and traces (gateway, student, …). */
  readonly part: string;
  readonly server: ApolloServer<TContext>;
  readonly maxBodyBytes: number;
  /**
   * Builds the per-request context from the parsed body and the raw bytes it was parsed from
   * (what a subgraph checks the gateway's seal against); throwing a RefusedRequest answers with its status and error.
   */
  readonly createContext: (request: IncomingMessage, body: unknown, rawBody: string) => Promise<TContext>;
  readonly health: () => Promise<Record<string, unknown>>;
  /** What `/ready` checks (platform/readiness.ts); none: ready whenever it answers. */
  readonly probes?: ReadonlyArray<Probe>;
  readonly routes?: ReadonlyArray<Route>;
  /** Answer HTTP 503 + Retry-After when a request failed wholly for an unavailable system (the gateway; subgraphs answer the gateway 200). */
  readonly unavailableAs503?: boolean;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Serves every path that starts with `path` (the console's files), not just `path` itself. */
  readonly prefix?: boolean;
  readonly handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
}

export class RefusedRequest extends Error {
  constructor(
    readonly status: number, readonly shape: ErrorShape, readonly headers: Readonly<Record<string, string>> = {}, readonly bodyRead = true,
  ) {
    super(shape.message);
  }
}

export function sendJson(response: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

export function sendRefusal(response: ServerResponse, refusal: RefusedRequest): void {
  // RATE_LIMITED says when to retry in the body and, for HTTP clients and proxies, in Retry-After; an unavailable system, in the header.
  const retry = refusal.shape.extensions.retryAfterSeconds ?? (refusal.status === 503 ? RETRY_AFTER_SECONDS : undefined);
  const headers: Record<string, string> = { ...refusal.headers, ...(typeof retry === 'number' ? { 'retry-after': String(retry) } : {}) };
  // Refused before its body was read (a wrong type, a body too large): the rest of it is still on the wire, so the
  // connection cannot carry another request; saying so keeps a keep-alive client from sending one into a reset.
  if (!refusal.bodyRead) headers.connection = 'close';
  sendJson(response, refusal.status, { errors: [{ message: cutEchoes(refusal.shape.message), extensions: withoutHttp(refusal.shape.extensions) }] }, headers);
}

function withoutHttp(extensions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { http: _http, ...rest } = extensions;
  return rest;
}

export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new RefusedRequest(413, errors.queryTooCostly('request body size (bytes)', declared, maxBytes), {}, false);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new RefusedRequest(413, errors.queryTooCostly('request body size (bytes)', size, maxBytes), {}, false);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Only JSON is parsed; a POST of any other type is refused before its body is
 * read. That also shuts out the "simple" types a browser form can send
 * cross-site (x-www-form-urlencoded, multipart/form-data, text/plain), whatever
 * preflight header comes with them.
 */
function refuseNonJsonPost(method: string, contentType: string | undefined): void {
  if (method !== 'POST' || contentType?.toLowerCase().split(';')[0]?.trim() === 'application/json') return;
  throw new RefusedRequest(
    415, errors.badUserInput('content-type', `a POST to /graphql must be application/json, not ${contentType === undefined ? 'without a type' : JSON.stringify(contentType)}.`), {}, false,
  );
}

function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (text.length === 0) return undefined;
  if (!contentType?.toLowerCase().startsWith('application/json')) return text;
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new RefusedRequest(400, errors.badUserInput('body', 'the request body is not valid JSON.'));
  }
  if (Array.isArray(body)) {
    throw new RefusedRequest(400, errors.badUserInput('body', 'batched requests are turned off: send one operation per request, as a JSON object.'));
  }
  return body;
}

export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): http.Server {
  return http.createServer((request, response) => {
    // Each request continues the caller's trace (W3C traceparent); a no-op while tracing is off.
    withServerSpan(`${options.part} ${request.method ?? 'GET'}`, request.headers, () => handle(options, request, response)).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'Internal error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else response.destroy();
    });
  });
}

async function handle<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext>, request: IncomingMessage, response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = (request.method ?? 'GET').toUpperCase();
  if (url.pathname === '/health' && method === 'GET') {
    sendJson(response, 200, { status: 'ok', ...(await options.health()) });
    return;
  }
  if (url.pathname === '/ready' && method === 'GET') {
    const { ready, checks } = await checkReadiness(options.probes ?? []);
    if (ready) sendJson(response, 200, { status: 'ready', checks });
    else sendJson(response, 503, { status: 'not ready', checks }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
    return;
  }
  const route = options.routes?.find((r) => r.method === method && (r.prefix ? url.pathname.startsWith(r.path) : r.path === url.pathname));
  if (route) {
    await route.handle(request, response);
    return;
  }
  if (url.pathname !== '/graphql') {
    sendJson(response, 404, { errors: [{ message: 'Not found. The GraphQL endpoint is /graphql.', extensions: { code: 'BAD_USER_INPUT' } }] });
    return;
  }
  try {
    refuseNonJsonPost(method, request.headers['content-type']);
    const text = await readBody(request, options.maxBodyBytes);
    const body = parseJsonBody(text, request.headers['content-type']);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const context = await options.createContext(request, body, text);
    const result = await options.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: url.search, body },
      context: async () => context,
    });
    const responseHeaders: Record<string, string> = {};
    for (const [key, value] of result.headers) responseHeaders[key] = value;
    let status = result.status ?? 200;
    if (options.unavailableAs503 && status === 200 && result.body.kind === 'complete' && isUnavailableAnswer(result.body.string)) {
      status = 503;
      responseHeaders['retry-after'] = String(RETRY_AFTER_SECONDS);
    }
    response.writeHead(status, responseHeaders);
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  } catch (error) {
    if (error instanceof RefusedRequest) {
      countEarlyRefusal(options.part, error.shape);
      sendRefusal(response, error);
      return;
    }
    throw error;
  }
}

export interface Listening {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(server: http.Server, port: number, host: string, path = '/graphql'): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}${path}`,
    port: actualPort,
    close: () => closeGracefully(server),
  };
}
