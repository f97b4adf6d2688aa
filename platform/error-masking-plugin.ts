import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { isErrorCode } from '../policies/errors';
import { maskError, VALIDATION_ABORTED } from './graphql-errors';
import type { Logger } from './logger';

/**
 * Masks every error on its way out (Envelop's mask-error habit): our codes pass,
 * anything else becomes INTERNAL_SERVER_ERROR carrying the request id, and the
 * original is logged under that id for the operators. Names a client sent are
 * echoed cut to a prefix. Installed on the gateway and on every subgraph.
 */
export function errorMaskingPlugin<TContext extends BaseContext>(
  requestIdOf: (context: TContext) => string, logger: Logger,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isErrorCode(error.extensions?.code)) {
              logger.error({ requestId: requestIdOf(contextValue), err: error.originalError ?? error, path: error.path }, 'unexpected error');
            }
          }
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
