import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import nodeFetch from 'node-fetch';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { errors, type ErrorShape } from '../policies/errors';
import type { ContextSealer } from '../platform/context-sealer';
import type { Logger } from '../platform/logger';
import { injectTraceContext } from '../platform/observability/tracing';
import { CONTEXT_HEADER, type RequestContextClaims } from '../platform/signed-context';
import type { GatewayContext } from './gateway-context';
import { serializePermissions, type Permissions } from '../policies';
import { readRecordsServed } from '../platform/cross-part-types';
import { permissionsForAudience } from './enforcement/audience-permissions';

/**
 * The one place identity is forwarded to subgraphs (Apollo Federation's
 * RemoteGraphQLDataSource habit). `willSendRequest` states who asks; the
 * fetcher, the only code that sees the exact bytes sent, seals them
 * (context-sealer.ts). A subgraph that cannot be reached, does not answer in
 * time or fails (5xx) becomes UPSTREAM_UNAVAILABLE naming the part, never its
 * address; a subgraph that refuses the fetch (4xx) is reported as a refusal.
 */
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Claims stated by willSendRequest, taken by the fetcher of the same fetch (named by a one-off handle in the context header). */
  private readonly pending = new Map<string, RequestContextClaims>();

  constructor(
    private readonly subgraphName: string,
    url: string,
    sealer: ContextSealer,
    timeoutMs: number,
    private readonly audienceTypes: ReadonlySet<string>,
    connections: SubgraphConnections,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {
    super({
      url,
      fetcher: (async (input: string, init: RequestInit) => {
        const { [CONTEXT_HEADER]: handle, ...headers } = init.headers as Record<string, string>;
        const claims = handle === undefined ? undefined : this.pending.get(handle);
        if (!claims) throw new Error('gateway fetch without stated claims');
        this.pending.delete(handle!);
        return sealer.fetch(input, subgraphName, claims, String(init.body), {
          headers,
          fetch: (target, request) => nodeFetch(target, { ...request, agent: connections.agentFor, timeout: timeoutMs }),
        });
      }) as never,
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const caller = 'unit' in context ? (context as GatewayContext) : undefined;
    const permissions = caller?.enforcement.permissions;
    if (!caller?.unit || !permissions) throw new Error('gateway fetch without an authenticated caller and its permissions');
    const handle = randomUUID();
    this.pending.set(handle, {
      unit: caller.unit,
      requestId: caller.requestId,
      tokenId: caller.tokenId,
      ...(caller.purpose ? { purpose: caller.purpose } : {}),
      ...(caller.person ? { person: caller.person } : {}),
      ...(caller.client ? { client: caller.client } : {}),
      permissions: serializedOnce(permissionsForAudience(permissions, this.audienceTypes)),
    });
    request.http?.headers.set(CONTEXT_HEADER, handle);
    injectTraceContext(request.http?.headers);
  }

  /** Personal records the subgraph reports having served, kept for the audit's accessesOfRecord. */
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]): GatewayGraphQLResponse {
    const records = readRecordsServed(response.extensions as Record<string, unknown> | undefined);
    if (records.length > 0 && 'enforcement' in context) (context as GatewayContext).enforcement.records.push(...records);
    return response;
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const requestId = 'requestId' in options.context ? String(options.context.requestId) : 'unknown';
      const shape = this.reportOf(error, requestId);
      // The client is told only which part failed; the operator needs why (refused, reset, timed out).
      this.logger.warn({ err: error, subgraph: this.subgraphName, requestId, code: shape.extensions.code }, 'subgraph fetch failed');
      throw new GraphQLError(shape.message, { extensions: { ...shape.extensions, subgraph: this.subgraphName } });
    }
  }

  private reportOf(error: unknown, requestId: string): ErrorShape {
    const status = (error as GraphQLError).extensions?.response as { status?: unknown } | undefined;
    if (typeof status?.status === 'number' && status.status >= 400 && status.status < 500) {
      return errors.subgraphRefused(this.subgraphName, systemOfSubgraph(this.subgraphName), status.status, requestId);
    }
    return errors.upstreamUnavailable(systemOfSubgraph(this.subgraphName));
  }
}

/**
 * The wire form of one audience's permissions, made once per permissions
 * object: the provider caches a unit's permissions and permissionsForAudience
 * its slices, so requests of one unit reuse the same string-ready value
 * instead of serializing it again for every fetch.
 */
const serialized = new WeakMap<Permissions, ReturnType<typeof serializePermissions>>();

function serializedOnce(permissions: Permissions): ReturnType<typeof serializePermissions> {
  let wire = serialized.get(permissions);
  if (!wire) {
    wire = serializePermissions(permissions);
    serialized.set(permissions, wire);
  }
  return wire;
}

/**
 * Gateway→subgraph connections: kept alive and bounded per subgraph host.
 * node-fetch over node:http costs the gateway about 0.25 CPU-ms less per fetch
 * than the global fetch (undici's WHATWG streams) or Apollo's default
 * make-fetch-happen, measured side by side (README "Benchmarks"). Past the
 * bound, fetches queue in the agent instead of opening ever more sockets under
 * a burst. One set per gateway, closed with it.
 *
 * An idle socket is closed by the gateway one second before the subgraph
 * would close it (the `Keep-Alive: timeout=N` the subgraph announces), never
 * by the subgraph first. Node's agent heeds that announcement only when the
 * agent has a timeout of its own; without one, a fetch after a pause of about
 * the subgraph's keep-alive timeout could take a socket the subgraph was
 * closing that very moment, and fail (seen in CI on a loaded machine: an
 * application submitted in the console got UPSTREAM_UNAVAILABLE). The
 * timeout also bounds how long a socket to a subgraph that announces nothing
 * stays idle.
 */
export interface SubgraphConnections {
  readonly agentFor: (url: URL) => HttpAgent;
  /** Closes every socket, idle or not: call once the gateway serves no more requests. */
  destroy(): void;
}

const SOCKETS_PER_SUBGRAPH = 128;
const IDLE_SOCKET_MS = 30_000;

export function createSubgraphConnections(): SubgraphConnections {
  const options = { keepAlive: true, maxSockets: SOCKETS_PER_SUBGRAPH, timeout: IDLE_SOCKET_MS };
  const httpAgent = new HttpAgent(options);
  const httpsAgent = new HttpsAgent(options);
  return {
    agentFor: (url) => (url.protocol === 'https:' ? httpsAgent : httpAgent),
    destroy: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function systemOfSubgraph(name: string): 'student-status' | 'teacher-hr' | 'facility' | 'governance' {
  switch (name) {
    case 'student': return 'student-status';
    case 'teacher': return 'teacher-hr';
    case 'facility': return 'facility';
    default: return 'governance';
  }
}
