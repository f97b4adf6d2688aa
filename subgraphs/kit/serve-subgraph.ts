import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { errors } from '../../policies/errors';
import { errorMaskingPlugin } from '../../platform/error-masking-plugin';
import { createGraphQLHttpServer, listen, RefusedRequest, type Listening } from '../../platform/http-graphql';
import type { ContextKeys } from '../../platform/context-keys';
import type { HotState } from '../../platform/hot-state';
import { metricsRoute } from '../../platform/observability/metrics-route';
import { requestMetricsPlugin } from '../../platform/observability/request-metrics';
import type { Logger } from '../../platform/logger';
import { ASSERTION_REQUIRED_HEADER } from '../../platform/permissions-assertion';
import { CONTEXT_HEADER, ContextRejected } from '../../platform/signed-context';
import { AssertionRequired, ContextOpener } from './context-opener';
import type { Probe } from '../../platform/readiness';
import { executedStatusPlugin } from './executed-status-plugin';
import { buildGuardedSchema } from './guarded-schema';
import { recordsServedPlugin } from './records-served';
import type { BaseSubgraphContext, SubgraphDefinition } from './subgraph-definition';

export interface SubgraphServerOptions {
  readonly contextKeys: ContextKeys;
  /** Where the ids of accepted seals are recorded; shared by every instance of the subgraph. */
  readonly hotState: HotState;
  readonly logger: Logger;
  readonly port: number;
  readonly host: string;
  readonly maxBodyBytes?: number;
  readonly health?: () => Promise<Record<string, unknown>>;
  /** METRICS_TOKEN: /metrics answers only to it, and is off without it. */
  readonly metricsToken?: string;
  /** What `/ready` checks: the legacy system (or store) behind this subgraph. */
  readonly probes?: ReadonlyArray<Probe>;
}

/**
 * The Apollo server of a subgraph, as served and as benchmarked
 * (bench/execution): no introspection, no stack traces, and none of Apollo's
 * built-in plugins that hook every field's resolution (cache hints, traces),
 * which nothing here reads.
 */
export function createSubgraphServer<TContext extends BaseSubgraphContext>(schema: GraphQLSchema, logger: Logger, metricsName?: string): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    // The process's own signal handling stops every part in order (scripts/run-until-signalled.ts); Apollo's would race it.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      recordsServedPlugin<TContext>(),
      executedStatusPlugin<TContext>(),
      errorMaskingPlugin<TContext>((context) => context.request?.requestId ?? 'unknown', logger),
      ...(metricsName ? [requestMetricsPlugin<TContext>(metricsName)] : []),
    ],
  });
}

/**
 * Serves one subgraph over HTTP. Every request, `_service` and `_entities`
 * included, must carry the gateway's seal for this subgraph and these exact
 * body bytes, naming permissions the gateway asserted, never seen before by
 * any instance (context-opener.ts); anything else is refused before GraphQL
 * runs. The schema is wrapped by the definition's guard, and
 * each response reports the personal records it served (`recordsServed`).
 */
export async function serveSubgraph<TServices, TContext extends BaseSubgraphContext>(
  definition: SubgraphDefinition<TServices, TContext>, services: TServices, options: SubgraphServerOptions,
): Promise<Listening> {
  const logger = options.logger.child({ subgraph: definition.name });
  const server = createSubgraphServer<TContext>(buildGuardedSchema(definition, options.logger), logger, definition.name);
  await server.start();
  const opener = new ContextOpener(definition.name, options.contextKeys, options.hotState);
  const http = createGraphQLHttpServer<TContext>({
    part: definition.name,
    server,
    maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
    health: options.health ?? (async () => ({ subgraph: definition.name })),
    ...(options.probes ? { probes: options.probes } : {}),
    routes: [metricsRoute(options.metricsToken)],
    createContext: async (request, body, rawBody) => {
      const header = request.headers[CONTEXT_HEADER];
      try {
        return definition.createContext(services, await opener.open(typeof header === 'string' ? header : undefined, rawBody, body));
      } catch (error) {
        if (!(error instanceof ContextRejected)) throw error;
        if (error instanceof AssertionRequired) {
          throw new RefusedRequest(401, errors.gatewayOnly(definition.name, error.message), { [ASSERTION_REQUIRED_HEADER]: error.digest });
        }
        logger.warn({ reason: error.message, remote: request.socket.remoteAddress }, 'refused a request without a valid gateway context');
        throw new RefusedRequest(401, errors.gatewayOnly(definition.name, error.message));
      }
    },
  });
  const listening = await listen(http, options.port, options.host);
  return {
    ...listening,
    close: async () => {
      await listening.close();
      await server.stop();
    },
  };
}
