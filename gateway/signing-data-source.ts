import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { errors } from '../policies/errors';
import type { KeyPair } from '../platform/keys';
import { injectTraceContext } from '../platform/observability/tracing';
import { CONTEXT_HEADER, signContext } from '../platform/signed-context';
import type { GatewayContext } from './gateway-context';
import { serializePermissions, type Permissions } from '../policies';
import { readRecordsServed } from '../subgraphs/kit/records-served';
import { permissionsForAudience } from './enforcement/audience-permissions';

/**
 * The one place identity is forwarded to subgraphs (Apollo Federation's
 * RemoteGraphQLDataSource habit): each fetch carries a context signed for that
 * subgraph and that body. A subgraph that cannot be reached or does not answer
 * in time becomes UPSTREAM_UNAVAILABLE naming the part, never its address.
 */
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly contextKeys: KeyPair,
    private readonly contextTtlSeconds: number,
    timeoutMs: number,
    private readonly audienceTypes: ReadonlySet<string>,
  ) {
    super({
      url,
      fetcher: ((input: string, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as never,
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const caller = 'unit' in context ? (context as GatewayContext) : undefined;
    const permissions = caller?.enforcement.permissions;
    if (!caller?.unit || !permissions) throw new Error('gateway fetch without an authenticated caller and its permissions');
    const signed = await signContext(this.contextKeys, this.subgraphName, {
      unit: caller.unit,
      requestId: caller.requestId,
      tokenId: caller.tokenId,
      ...(caller.purpose ? { purpose: caller.purpose } : {}),
      permissions: serializedOnce(permissionsForAudience(permissions, this.audienceTypes)),
    }, { query: request.query, variables: request.variables }, this.contextTtlSeconds);
    request.http?.headers.set(CONTEXT_HEADER, signed);
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
      if (error instanceof GraphQLError && error.extensions?.code && error.extensions.code !== 'INTERNAL_SERVER_ERROR'
        && !String(error.message).includes('://')) throw error;
      const shape = errors.upstreamUnavailable(systemOfSubgraph(this.subgraphName));
      throw new GraphQLError(shape.message, { extensions: { ...shape.extensions, subgraph: this.subgraphName } });
    }
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

function systemOfSubgraph(name: string): 'student-status' | 'teacher-hr' | 'facility' | 'governance' {
  switch (name) {
    case 'student': return 'student-status';
    case 'teacher': return 'teacher-hr';
    case 'facility': return 'facility';
    default: return 'governance';
  }
}
