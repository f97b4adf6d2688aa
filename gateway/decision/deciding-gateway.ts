import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { admissionOf } from './decision-plugin';

/**
 * The seam through which the stripped operation reaches the query planner:
 * Apollo Server runs a gateway through its public `GatewayInterface`, whose
 * `load` hands back the executor Apollo calls with the request. This wrapper
 * passes the gateway's own executor the request with the admitted decision's
 * document, operation and hash in place of the sent ones (the plan cache is
 * keyed by that hash), and leaves Apollo's request context as it is.
 */
export function decidingGateway(gateway: ApolloGateway): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const { executor } = await gateway.load(options);
      return {
        executor: (requestContext) => {
          const admitted = admissionOf(requestContext.context);
          if (!admitted || admitted.strippedDocument === requestContext.document) return executor(requestContext);
          return executor({
            ...requestContext,
            document: admitted.strippedDocument,
            operation: admitted.strippedOperation,
            queryHash: admitted.strippedQueryHash,
          });
        },
      };
    },
  };
}
