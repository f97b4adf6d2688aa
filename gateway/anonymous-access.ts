import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { errors } from '../policies/errors';
import { ANONYMOUS_UNIT, anonymousMayRead } from '../policies/permissions';
import type { Catalog } from '../policies';
import { toGraphQLError } from '../platform/graphql-errors';
import { newEnforcementState, type GatewayContext } from './gateway-context';

/**
 * Open data without a token (Measures 第十九条): a request that carries no
 * Authorization header and no session cookie is served as the anonymous role
 * (gateway/authenticate.ts), whose effective permissions are the open
 * resources only. A credential that is there but bad is still
 * UNAUTHENTICATED: a client that meant to authenticate must learn that it
 * failed, not silently get less.
 */
export function anonymousContext(): GatewayContext {
  return { requestId: randomUUID(), unit: ANONYMOUS_UNIT, tokenId: 'none', enforcement: newEnforcementState() };
}

/** The fields an anonymous operation selects that are not open data, as coordinates. */
export function closedSelections(schema: GraphQLSchema, document: DocumentNode, catalog: Catalog): string[] {
  const closed = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    OperationDefinition(node) {
      if (node.operation !== 'query') closed.add(node.operation);
    },
    Field(node) {
      const parent = typeInfo.getParentType();
      if (parent && !anonymousMayRead(catalog, parent.name, node.name.value)) closed.add(`${parent.name}.${node.name.value}`);
    },
  }));
  return [...closed];
}

/**
 * Refuses an anonymous operation that selects anything but open data, as a
 * whole and before planning: UNAUTHENTICATED (401) with the usual hint on how
 * to get a token, naming what needs one.
 */
export function anonymousAccessPlugin(catalog: Catalog): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.unit !== ANONYMOUS_UNIT) return;
      let refused = false;
      return {
        async didResolveOperation({ schema, document }) {
          const closed = closedSelections(schema, document, catalog);
          if (closed.length === 0) return;
          refused = true;
          throw toGraphQLError(errors.unauthenticated(`Without a token only open data may be read; ${closed.join(', ')} need a token.`));
        },
        // The enforcement plugin (listed before this one) has answered the closed fields as NOT_GRANTED by now; the one answer is UNAUTHENTICATED.
        async willSendResponse({ response }) {
          if (!refused || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.errors = result.errors?.filter((e) => e.extensions?.code === 'UNAUTHENTICATED');
        },
      };
    },
  };
}
