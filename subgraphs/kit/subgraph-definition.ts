import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Logger } from '../../platform/logger';
import type { FetchClaims } from '../../platform/signed-context';
import type { Permissions } from '../../policies/permissions/types';
import type { RecordsServed } from './records-served';

/**
 * What every subgraph folder's index.ts exports (STYLE.md habit 1), so that
 * tests and `npm start` assemble the same subgraph in-process or alone.
 * `TServices` are the long-lived adapters (one per process); `createContext`
 * makes the per-request context, loaders included, on top of the base the kit
 * builds from the verified signed context.
 */
export interface SubgraphDefinition<TServices, TContext> {
  readonly name: SubgraphName;
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<TContext>;
  /**
   * How the subgraph's fields are authorized: the data subgraphs use
   * `catalogGuard` (graphql-shield rules compiled from the catalog). Required,
   * so that no subgraph can be served unguarded by omission.
   */
  readonly guard: SubgraphGuard;
  createContext(services: TServices, base: BaseSubgraphContext): TContext;
}

export type SubgraphName = 'student' | 'teacher' | 'facility' | 'governance';

/** Wraps the built subgraph schema with its authorization; refusals it cannot attribute are logged. */
export type SubgraphGuard = (schema: GraphQLSchema, logger: Logger) => GraphQLSchema;

/** The base every subgraph context extends; made by `createBaseContext`, never by a subgraph. */
export interface BaseSubgraphContext {
  readonly request: FetchClaims;
  /** The request's effective permissions, decided once at the gateway and validated here. */
  readonly permissions: Permissions;
  /** The personal records whose fields this request returned, reported to the gateway for the audit. */
  readonly recordsServed: RecordsServed;
}
