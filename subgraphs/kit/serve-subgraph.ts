import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { errors } from '../../policies/errors';
import { errorMaskingPlugin } from '../../platform/error-masking-plugin';
import { createGraphQLHttpServer, listen, RefusedRequest, type Listening } from '../../platform/http-graphql';
import type { KeyPair } from '../../platform/keys';
import { metricsContentType, metricsText } from '../../platform/legacy-calls';
import type { Logger } from '../../platform/logger';
import type { Probe } from '../../platform/readiness';
import { CONTEXT_HEADER, ReplayGuard, verifyContext, ContextRejected, type SignedBody } from '../../platform/signed-context';
import { createBaseContext } from './base-context';
import { executedStatusPlugin } from './executed-status-plugin';
import { buildGuardedSchema } from './guarded-schema';
import { recordsServedPlugin } from './records-served';
import type { BaseSubgraphContext, SubgraphDefinition } from './subgraph-definition';

export interface SubgraphServerOptions {
  readonly contextKeys: KeyPair;
  readonly logger: Logger;
  readonly port: number;
  readonly host: string;
  readonly maxBodyBytes?: number;
  readonly health?: () => Promise<Record<string, unknown>>;
  /** What `/ready` checks: the legacy system (or store) behind this subgraph. */
  readonly probes?: ReadonlyArray<Probe>;
}

/**
 * Serves one subgraph over HTTP. Every request, `_service` and `_entities`
 * included, must carry a context signed by the gateway for this subgraph and
 * this exact body, with the request's permissions; anything else is refused
 * before GraphQL runs. The schema is wrapped by the definition's guard, and
 * each response reports the personal records it served (`recordsServed`).
 */
export async function serveSubgraph<TServices, TContext extends BaseSubgraphContext>(
  definition: SubgraphDefinition<TServices, TContext>, services: TServices, options: SubgraphServerOptions,
): Promise<Listening> {
  const schema = buildGuardedSchema(definition, options.logger);
  const logger = options.logger.child({ subgraph: definition.name });
  const server = new ApolloServer<TContext>({
    schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    // The process's own signal handling stops every part in order (scripts/run-until-signalled.ts); Apollo's would race it.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      recordsServedPlugin<TContext>(),
      executedStatusPlugin<TContext>(),
      errorMaskingPlugin<TContext>((context) => context.request?.requestId ?? 'unknown', logger),
    ],
  });
  await server.start();
  const replayGuard = new ReplayGuard();
  const http = createGraphQLHttpServer<TContext>({
    server,
    maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
    health: options.health ?? (async () => ({ subgraph: definition.name })),
    ...(options.probes ? { probes: options.probes } : {}),
    routes: [{
      method: 'GET',
      path: '/metrics',
      handle: async (_request, response) => {
        response.writeHead(200, { 'content-type': metricsContentType });
        response.end(await metricsText());
      },
    }],
    createContext: async (request, body) => {
      const header = request.headers[CONTEXT_HEADER];
      try {
        const claims = await verifyContext(
          options.contextKeys, definition.name, typeof header === 'string' ? header : undefined,
          (body ?? {}) as SignedBody, replayGuard,
        );
        return definition.createContext(services, createBaseContext(claims));
      } catch (error) {
        if (!(error instanceof ContextRejected)) throw error;
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
