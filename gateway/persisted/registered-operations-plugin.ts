import type { ApolloServerPlugin } from '@apollo/server';
import { errors } from '../../policies/errors';
import { CITY_DIVISION_CODE } from '../../policies/standards';
import type { RegisteredOperationsCache } from '../../store/registered-operations-cache';
import type { GatewayContext } from '../gateway-context';

/**
 * The registered-operations mode for partner departments (issue 6, item 4):
 * an operation of a partner that reads catalog resources runs only when its
 * sha256 is registered for that unit. Operations that touch no catalog
 * resource (applying for a share, listing its registered operations) stay
 * open, so a partner can always ask for what it needs.
 *
 * The hash is the one Apollo resolved from the text or the APQ extension,
 * taken before the enforcement plugin re-hashes a stripped operation; the
 * check comes after enforcement has worked out what the operation touches,
 * and before anything is planned or fetched. Install after the enforcement plugin.
 */
export function registeredOperationsPlugin(options: {
  isPartner: (unit: string) => boolean;
  registered: Pick<RegisteredOperationsCache, 'isRegistered'>;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let sentHash = '';
      return {
        async didResolveSource({ queryHash }) {
          sentHash = queryHash;
        },
        async responseForOperation({ contextValue, response }) {
          const { unit, enforcement } = contextValue;
          if (!options.isPartner(unit)) return null;
          if (enforcement.served.size === 0 && enforcement.refused.length === 0) return null;
          if (await options.registered.isRegistered(unit, sentHash)) return null;
          // Nothing of this operation runs, so nothing is answered as refused or audited as served.
          enforcement.served = new Map();
          enforcement.refused = [];
          const shape = errors.forbidden(
            'run this operation',
            `in the registered-operations mode a partner department runs only operations registered for it, and operation ${sentHash} is not `
            + `registered for ${unit}. Ask the city bureau's data office (${CITY_DIVISION_CODE}) to register it (mutation registerOperation), `
            + 'then send exactly the registered text, or its sha256 as an automatic persisted query; query registeredOperations lists yours.',
          );
          response.http.status = 403;
          return {
            http: response.http,
            body: { kind: 'single', singleResult: { errors: [{ message: shape.message, extensions: { ...shape.extensions, sha256: sentHash } }] } },
          };
        },
      };
    },
  };
}
