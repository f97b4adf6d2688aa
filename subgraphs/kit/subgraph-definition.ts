import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { RequestContextClaims } from '../../platform/signed-context';

/**
 * What every subgraph folder's index.ts exports (STYLE.md habit 1), so that
 * tests and `npm start` assemble the same subgraph in-process or alone.
 * `TServices` are the long-lived adapters (one per process); `createContext`
 * makes the per-request context, loaders included.
 */
export interface SubgraphDefinition<TServices, TContext> {
  readonly name: SubgraphName;
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<TContext>;
  createContext(services: TServices, request: RequestContextClaims): TContext;
}

export type SubgraphName = 'student' | 'teacher' | 'facility' | 'governance';

/** The base every subgraph context extends. */
export interface BaseSubgraphContext {
  readonly request: RequestContextClaims;
}
