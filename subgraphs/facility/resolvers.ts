import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { errors } from '../../policies/errors';
import { isSchoolCode } from '../../policies/standards';
import { toGraphQLError } from '../../platform/graphql-errors';
import { pageRequest, toConnection } from '../kit/connection';
import { requireInScope, schoolsInScope, scopeOf } from '../kit/row-scope';
import type { BaseSubgraphContext } from '../kit/subgraph-definition';
import type { BuildingFilter, FacilityStore } from './adapter';
import type { FacilityLoaders } from './loaders';
import type { AppraisalGrade, Building, BuildingStructure } from './mapper';

export interface FacilityContext extends BaseSubgraphContext {
  readonly store: FacilityStore;
  readonly loaders: FacilityLoaders;
  readonly maxPageSize: number;
}

interface BuildingFilterInput {
  readonly district?: string | null;
  readonly school?: string | null;
  readonly appraisalGrade?: AppraisalGrade | null;
  readonly structure?: BuildingStructure | null;
}

interface BuildingsArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly filter?: BuildingFilterInput | null;
}

const BUILDINGS = 'Query.buildings';
const BUILDING = 'Query.building';

/**
 * The row scope as the store's school filter, narrowing the client's school
 * (DESIGN.md "Row scope is pushed down"). The scope's school list is the full
 * list of schools in scope, so a district scope needs no district condition.
 */
function scopedFilter(filter: BuildingFilter, context: FacilityContext): BuildingFilter {
  const schoolCodes = schoolsInScope(scopeOf(context, BUILDINGS), filter.schoolCodes);
  return schoolCodes ? { ...filter, schoolCodes } : filter;
}

/** The GraphQL filter (one value per condition) as the store's pushed-down filter (sets of values). */
function storeFilter(input: BuildingFilterInput | null | undefined): BuildingFilter {
  if (!input) return {};
  if (input.district != null && !/^\d{6}$/.test(input.district)) {
    throw toGraphQLError(errors.badUserInput('filter.district', `'${input.district}' is not a 6-digit GB/T 2260 district code.`, BUILDINGS));
  }
  if (input.school != null && !isSchoolCode(input.school)) {
    throw toGraphQLError(errors.badUserInput('filter.school', `'${input.school}' is not a 10-digit Guangzhou school identification code.`, BUILDINGS));
  }
  return {
    ...(input.district != null ? { districtCodes: [input.district] } : {}),
    ...(input.school != null ? { schoolCodes: [input.school] } : {}),
    ...(input.appraisalGrade != null ? { appraisalGrades: [input.appraisalGrade] } : {}),
    ...(input.structure != null ? { structures: [input.structure] } : {}),
  };
}

export const resolvers: GraphQLResolverMap<FacilityContext> = {
  Query: {
    // The exports are indexed in memory: the building is looked up, then checked against the scope.
    building: async (_: unknown, args: { id: string }, context: FacilityContext) =>
      requireInScope(context, BUILDING, args.id, await context.loaders.buildingById.load(args.id), (b) => b.schoolCode),
    buildings: async (_: unknown, args: BuildingsArgs, context: FacilityContext) => {
      const page = pageRequest(args, context.maxPageSize, BUILDINGS);
      const filter = scopedFilter(storeFilter(args.filter), context);
      // One more than asked tells whether a next page exists.
      const { items, totalCount } = await context.store.buildings(filter, { limit: page.first + 1, ...(page.after !== undefined ? { afterId: page.after } : {}) });
      for (const building of items) context.loaders.buildingById.prime(building.id, building);
      return toConnection(items, page.first, totalCount, (building) => building.id);
    },
  },
  Building: {
    __resolveReference: (reference: { id: string }, context: FacilityContext) => context.loaders.buildingById.load(reference.id),
    school: (building: Building) => ({ __typename: 'School', code: building.schoolCode }),
  },
  School: {
    // The student subgraph owns schools; here a school is only its code, so resolving one reads nothing.
    __resolveReference: (reference: { code: string }) => ({ code: reference.code }),
    buildings: (school: { code: string }, _: unknown, context: FacilityContext) => context.loaders.buildingsOfSchool.load(school.code),
  },
};
