import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type PersistedQueryOptions } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { errorMaskingPlugin } from '../platform/error-masking-plugin';
import { createGraphQLHttpServer, listen, type Listening, type Route } from '../platform/http-graphql';
import type { KeyPair } from '../platform/keys';
import { metricsContentType, metricsText } from '../platform/legacy-calls';
import type { Logger } from '../platform/logger';
import type { Catalog } from '../policies';
import { anonymousAccessPlugin } from './anonymous-access';
import { openDataRoutes } from './open-data';
import type { Authenticator } from './authenticate';
import type { AuditSink } from './enforcement/audit-entry';
import type { DisputeSource } from './enforcement/dispute-flags';
import { typeNamesOf } from './enforcement/audience-permissions';
import { enforcementPlugin, type RefusalMode } from './enforcement/enforcement-plugin';
import type { PermissionsProvider } from './enforcement/permissions-provider';
import type { GatewayContext } from './gateway-context';
import { costWithVariablesPlugin, operationLimits, type OperationLimits } from './limits';
import { SigningDataSource } from './signing-data-source';
import { composeSupergraph, type SubgraphEndpoint } from './supergraph';

export interface GatewayOptions {
  readonly subgraphs: ReadonlyArray<SubgraphEndpoint>;
  readonly contextKeys: KeyPair;
  readonly contextTtlSeconds: number;
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
  readonly refusalMode: RefusalMode;
  readonly audit: AuditSink;
  /** Open objections, flagged on every response serving a disputed record. */
  readonly disputes?: DisputeSource;
  /** Run after enforcement, whose findings they read (rate limits per resource, registered operations). */
  readonly plugins?: ReadonlyArray<ApolloServerPlugin<GatewayContext>>;
  /** Automatic persisted queries; Apollo's in-process cache when unset. */
  readonly persistedQueries?: PersistedQueryOptions;
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
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SigningDataSource(
      name, url!, options.contextKeys, options.contextTtlSeconds, options.upstreamTimeoutMs, audienceTypes.get(name) ?? new Set(),
    ),
  });
  const logger = options.logger.child({ part: 'gateway' });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    ...operationLimits(options.limits, options.production),
    ...(options.persistedQueries ? { persistedQueries: options.persistedQueries } : {}),
    plugins: [
      costWithVariablesPlugin(options.limits.cost, options.limits.costOptions),
      enforcementPlugin({
        permissions: options.permissions, catalog: options.catalog, refusalMode: options.refusalMode, audit: options.audit,
        ...(options.disputes ? { disputes: options.disputes } : {}), logger,
      }),
      ...(options.plugins ?? []),
      anonymousAccessPlugin(options.catalog),
      errorMaskingPlugin<GatewayContext>((context) => context.requestId, logger),
      // Apollo's landing page loads Sandbox from a CDN and reports telemetry: the pool's page is its own console.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();
  const http = createGraphQLHttpServer<GatewayContext>({
    server,
    maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
    createContext: (request) => options.authenticator.authenticate(request),
    health: async () => ({ gateway: 'up', subgraphs: options.subgraphs.map((s) => s.name) }),
    routes: [{
      method: 'GET',
      path: '/metrics',
      handle: async (_request, response) => {
        response.writeHead(200, { 'content-type': metricsContentType });
        response.end(await metricsText());
      },
    }, ...openDataRoutes(server, options.catalog, (request) => options.authenticator.authenticate(request)), ...(options.routes ?? [])],
  });
  const listening = await listen(http, options.port, options.host);
  logger.info({ url: listening.url }, 'gateway listening');
  return {
    ...listening,
    supergraphSdl,
    close: async () => {
      await listening.close();
      await server.stop();
      options.permissions.close();
    },
  };
}
