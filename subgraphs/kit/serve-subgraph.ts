import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { errors } from '../../policies/errors';
import { errorMaskingPlugin } from '../../platform/error-masking-plugin';
import { createGraphQLHttpServer, listen, RefusedRequest, type Listening } from '../../platform/http-graphql';
import type { KeyPair } from '../../platform/keys';
import { metricsContentType, metricsText } from '../../platform/legacy-calls';
import type { Logger } from '../../platform/logger';
import { CONTEXT_HEADER, ReplayGuard, verifyContext, ContextRejected, type SignedBody } from '../../platform/signed-context';
import type { BaseSubgraphContext, SubgraphDefinition } from './subgraph-definition';

export interface SubgraphServerOptions {
  readonly contextKeys: KeyPair;
  readonly logger: Logger;
  readonly port: number;
  readonly host: string;
  readonly maxBodyBytes?: number;
  /** Wraps the built schema, e.g. with graphql-shield; identity by default. */
  readonly guard?: (schema: GraphQLSchema) => GraphQLSchema;
  readonly health?: () => Promise<Record<string, unknown>>;
}

/**
 * Serves one subgraph over HTTP. Every request, `_service` and `_entities`
 * included, must carry a context signed by the gateway for this subgraph and
 * this exact body; anything else is refused before GraphQL runs.
 */
export async function serveSubgraph<TServices, TContext extends BaseSubgraphContext>(
  definition: SubgraphDefinition<TServices, TContext>, services: TServices, options: SubgraphServerOptions,
): Promise<Listening> {
  const built = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as never }]);
  const schema = options.guard ? options.guard(built) : built;
  const logger = options.logger.child({ subgraph: definition.name });
  const server = new ApolloServer<TContext>({
    schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    plugins: [ApolloServerPluginInlineTraceDisabled(), errorMaskingPlugin<TContext>((context) => context.request?.requestId ?? 'unknown', logger)],
  });
  await server.start();
  const replayGuard = new ReplayGuard();
  const http = createGraphQLHttpServer<TContext>({
    server,
    maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
    health: options.health ?? (async () => ({ subgraph: definition.name })),
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
        return definition.createContext(services, claims);
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
