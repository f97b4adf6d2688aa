import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maskError, VALIDATION_ABORTED } from './graphql-errors';
import type { Logger } from './logger';

/**
 * Masks every error on its way out (Envelop's mask-error habit): our codes pass,
 * anything else becomes INTERNAL_SERVER_ERROR carrying the request id, and the
 * original is logged at error, with its stack, under that id for the
 * operators. What the client got wrong (validation, BAD_USER_INPUT, refusals)
 * is logged at info without a stack: it needs no operator. Names a client sent
 * are echoed cut to a prefix. Installed on the gateway and on every subgraph.
 */
export function errorMaskingPlugin<TContext extends BaseContext>(
  requestIdOf: (context: TContext) => string, logger: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const requestId = requestIdOf(contextValue);
          const mistakes: Array<{ code: string; message: string }> = [];
          for (const error of errors) {
            const code = maskError(error, requestId).extensions?.code;
            if (code === 'INTERNAL_SERVER_ERROR') {
              logger.error({ requestId, err: error.originalError ?? error, path: error.path }, 'unexpected error');
            } else if (code !== 'UPSTREAM_UNAVAILABLE') {
              // An unavailable legacy system is the adapter's to report (at warn), not the client's mistake.
              mistakes.push({ code: String(code), message: error.message.slice(0, 200) });
            }
          }
          // A client's mistake or a refusal is the system working: one line at info, no stack.
          if (mistakes.length > 0) logger.info({ requestId, errors: mistakes }, 'request refused or malformed');
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors) return;
          const errors = result.errors.length > 1 ? result.errors.filter((e) => e.message !== VALIDATION_ABORTED) : result.errors;
          result.errors = errors.map((e) => maskError(e, requestIdOf(contextValue)));
        },
      };
    },
  };
}
