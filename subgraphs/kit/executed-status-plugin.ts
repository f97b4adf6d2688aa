import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * Once a subgraph has executed an operation, its answer is 200 whatever
 * statuses its field errors carry (FORBIDDEN's 403, say). Apollo Server would
 * make such a status the whole response's, and the gateway would then take
 * the fetch as failed: the refusal's message would become "403: Forbidden"
 * and the other fields of the same fetch would be lost. The client's status
 * is the gateway's to set; refusals before execution (no signed context) are
 * answered by the HTTP front and keep theirs.
 */
export function executedStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind === 'single' && response.body.singleResult.data !== undefined) response.http.status = 200;
        },
      };
    },
  };
}
