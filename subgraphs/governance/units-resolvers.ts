import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { UnitType } from '../../policies/units';
import type { GovernanceContext } from './resolvers';

/** The unit directory (units-schema.graphql), straight from the unit tree the subgraph runs with. */
export const unitsResolvers: GraphQLResolverMap<GovernanceContext> = {
  Query: {
    units: (_: unknown, args: { types?: ReadonlyArray<UnitType> | null }, context: GovernanceContext) => {
      const wanted = args.types ? new Set(args.types) : undefined;
      return context.services.unitTree().all()
        .filter((unit) => !wanted || wanted.has(unit.type))
        .map((unit) => ({ code: unit.code, name: unit.name, type: unit.type, parent: unit.parent ?? null }));
    },
  },
};
