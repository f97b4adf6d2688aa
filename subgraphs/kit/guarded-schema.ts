import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../../platform/logger';
import type { SubgraphDefinition } from './subgraph-definition';

/**
 * The schema a subgraph is served with: built from its type definitions and
 * resolvers, then wrapped by its guard. `serveSubgraph` and the in-process
 * tests use this one function, so what is tested is what is served.
 */
export function buildGuardedSchema<TServices, TContext>(definition: SubgraphDefinition<TServices, TContext>, logger: Logger): GraphQLSchema {
  const built = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as never }]);
  return definition.guard(built, logger.child({ subgraph: definition.name }));
}
