import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

/** Resolver maps of one subgraph kept in separate files, merged type by type (a later map adds fields, never replaces a type). */
export function mergeResolvers<TContext>(...maps: ReadonlyArray<GraphQLResolverMap<TContext>>): GraphQLResolverMap<TContext> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) merged[typeName] = { ...merged[typeName], ...(fields as Record<string, unknown>) };
  }
  return merged as GraphQLResolverMap<TContext>;
}
