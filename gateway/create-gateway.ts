import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type PersistedQueryOptions } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { errorMaskingPlugin } from '../platform/error-masking-plugin';
import { createGraphQLHttpServer, listen, type Listening, type Route } from '../platform/http-graphql';
import type { ContextSealer } from '../platform/context-sealer';
import { metricsRoute } from '../platform/observability/metrics-route';
import { requestMetricsPlugin } from '../platform/observability/request-metrics';
import type { Logger } from '../platform/logger';
import type { Probe } from '../platform/readiness';
import type { Catalog } from '../policies';
import { openDataRoutes } from './open-data';
import type { Authenticator } from './authenticate';
import type { AuditSink } from './enforcement/audit-entry';
import { batchedDisputeSource, type DisputeSource } from './enforcement/dispute-flags';
import { typeNamesOf } from './enforcement/audience-permissions';
import { decidingGateway } from './decision/deciding-gateway';
import { decisionPlugin } from './decision/decision-plugin';
import type { DecisionPorts } from './decision/request-decision';
import type { PermissionsProvider } from './enforcement/permissions-provider';
import type { GatewayContext } from './gateway-context';
import { operationLimits, type OperationLimits } from './limits';
import { createSubgraphConnections, SigningDataSource } from './signing-data-source';
import { composeSupergraph, type SubgraphEndpoint } from './supergraph';

export interface GatewayOptions {
  readonly subgraphs: ReadonlyArray<SubgraphEndpoint>;
  /** Seals every fetch to a subgraph; shared with the gateway's other readers of subgraphs. */
  readonly sealer: ContextSealer;
  readonly upstreamTimeoutMs: number;
  readonly authenticator: Authenticator;
  readonly production: boolean;
  readonly logger: Logger;
  readonly port: number;
  readonly host: string;
  readonly maxBodyBytes?: number;
  readonly limits: OperationLimits;
  readonly permissions: PermissionsProvider;
  readonly catalog: Catalog;
  readonly refusalMode: 'partial' | 'reject';
  readonly audit: AuditSink;
  /** Open objections, flagged on every response serving a disputed record. */
  readonly disputes?: DisputeSource;
  /** What the decision's shared-state checks consult (resource allowances, registered operations); none = those checks pass. */
  readonly decisionPorts?: DecisionPorts;
  /** Automatic persisted queries; Apollo's in-process cache when unset. */
  readonly persistedQueries?: PersistedQueryOptions;
  /** METRICS_TOKEN: /metrics answers only to it, and is off without it. */
  readonly metricsToken?: string;
  /** What `/ready` checks: the store, the hot state, each subgraph (and through it its legacy system). */
  readonly probes?: ReadonlyArray<Probe>;
  /** HTTP routes beside /graphql: sign-in, sign-out, the OAuth token endpoint (gateway/people). */
  readonly routes?: ReadonlyArray<Route>;
}

export interface RunningGateway extends Listening {
  readonly supergraphSdl: string;
}

/** The pool's gateway: Apollo Gateway inside Apollo Server, behind token authentication. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const supergraphSdl = composeSupergraph(options.subgraphs);
  const audienceTypes = new Map(options.subgraphs.map((s) => [s.name, typeNamesOf(s.typeDefs)]));
  const connections = createSubgraphConnections();
  const logger = options.logger.child({ part: 'gateway' });
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SigningDataSource(
      name, url!, options.sealer, options.upstreamTimeoutMs, audienceTypes.get(name) ?? new Set(), connections, logger,
    ),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway: decidingGateway(gateway),
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // The process's own signal handling stops every part in order (scripts/run-until-signalled.ts); Apollo's would race it.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    ...operationLimits(options.limits, options.production),
    ...(options.persistedQueries ? { persistedQueries: options.persistedQueries } : {}),
    plugins: [
      decisionPlugin({
        permissions: options.permissions,
        settings: {
          catalog: options.catalog, refusalMode: options.refusalMode, maxCost: options.limits.cost, costOptions: options.limits.costOptions,
        },
        ports: options.decisionPorts ?? {},
        audit: options.audit,
        ...(options.disputes ? { disputes: batchedDisputeSource(options.disputes) } : {}),
        logger,
      }),
      errorMaskingPlugin<GatewayContext>((context) => context.requestId, logger),
      requestMetricsPlugin<GatewayContext>('gateway'),
      // Apollo's landing page loads Sandbox from a CDN and reports telemetry: the pool's page is its own console.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();
  const http = createGraphQLHttpServer<GatewayContext>({
    part: 'gateway',
    server,
    maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
    createContext: (request) => options.authenticator.authenticate(request),
    health: async () => ({ gateway: 'up', subgraphs: options.subgraphs.map((s) => s.name) }),
    ...(options.probes ? { probes: options.probes } : {}),
    unavailableAs503: true,
    routes: [metricsRoute(options.metricsToken), ...openDataRoutes(server, options.catalog, (request) => options.authenticator.authenticate(request)), ...(options.routes ?? [])],
  });
  const listening = await listen(http, options.port, options.host);
  logger.info({ url: listening.url }, 'gateway listening');
  return {
    ...listening,
    supergraphSdl,
    close: async () => {
      await listening.close();
      await server.stop();
      connections.destroy();
      options.permissions.close();
    },
  };
}
