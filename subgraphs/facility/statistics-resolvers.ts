import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { keyString, statisticDefinitions, withTotals, type CellKey, type CountCell, type StatisticDimension, type StatisticsRequest } from '../../policies/statistics';
import { tableOf, type StatisticCell, type StatisticTable } from '../kit/statistic-table';
import { checkReferenceDate, requestFor, type StatisticsEntity } from '../kit/statistics-request';
import type { Building } from './mapper';
import type { FacilityContext } from './resolvers';

/**
 * The facility exports' statistics, summed from the parsed CSV index (the
 * exports are files: the index in memory is their source, as of its last
 * reload). Areas are not counts of persons and are exact; an area per
 * student divides by the student count the reader was given, perturbed or
 * exact, and says which.
 */
interface StatisticsWithGroups extends StatisticsEntity {
  readonly schoolGroups?: ReadonlyArray<{ school: string; district: string; runningType: string }>;
  readonly enrolledStudents?: { perturbed: boolean; cells: StatisticCell[]; totals: StatisticCell[] };
}

async function areas(parent: StatisticsWithGroups, request: StatisticsRequest, context: FacilityContext, include: (b: Building) => boolean, referenceDate: string): Promise<CountCell[]> {
  const groups = parent.schoolGroups ?? [];
  const bySchool = await context.store.buildingsOfSchools(groups.map((g) => g.school));
  const sums = new Map<string, { key: CellKey; value: number }>();
  groups.forEach((group, i) => {
    const area = bySchool[i]!.filter(include).reduce((sum, b) => sum + b.area, 0);
    if (area === 0) return;
    const values: Partial<Record<StatisticDimension, string>> = { DISTRICT: group.district, RUNNING_TYPE: group.runningType, REFERENCE_DATE: referenceDate };
    const key: Partial<Record<StatisticDimension, string>> = {};
    for (const d of request.groupBy) key[d] = values[d];
    const sum = sums.get(keyString(key));
    if (sum) sum.value += area;
    else sums.set(keyString(key), { key, value: area });
  });
  return [...sums.values()];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

async function dangerousBuildingArea(parent: StatisticsWithGroups, _args: unknown, context: FacilityContext): Promise<StatisticTable> {
  const request = requestFor(parent, 'dangerousBuildingArea');
  const asOf = context.store.loadedAt();
  const referenceDate = checkReferenceDate(request, asOf, 'dangerousBuildingArea');
  const cells = withTotals(await areas(parent, request, context, (b) => b.appraisalGrade === 'D', referenceDate), request.groupBy);
  const source = { definition: statisticDefinitions.dangerousBuildingArea, request, groupBy: request.groupBy, permissions: context.permissions, asOf, cycleOf: 'Query.buildings' };
  return tableOf(source, cells.map((c) => ({ key: c.key, value: round2(c.value) })), { perturbed: false, ratio: false });
}

async function buildingAreaPerStudent(parent: StatisticsWithGroups, _args: unknown, context: FacilityContext): Promise<StatisticTable> {
  const request = requestFor(parent, 'buildingAreaPerStudent');
  const asOf = context.store.loadedAt();
  const referenceDate = checkReferenceDate(request, asOf, 'buildingAreaPerStudent');
  const area = new Map(withTotals(await areas(parent, request, context, (b) => !b.leased, referenceDate), request.groupBy).map((c) => [keyString(c.key), c.value]));
  const keyOf = (cell: StatisticCell): CellKey => Object.fromEntries(cell.dimensions.map((d) => [d.dimension, d.code]));
  const students = [...(parent.enrolledStudents?.cells ?? []), ...(parent.enrolledStudents?.totals ?? [])];
  const cells = students.map((s) => {
    const key = keyOf(s);
    return { key, value: !s.value ? null : round2((area.get(keyString(key)) ?? 0) / s.value) };
  });
  const source = { definition: statisticDefinitions.buildingAreaPerStudent, request, groupBy: request.groupBy, permissions: context.permissions, asOf, cycleOf: 'Query.buildings' };
  return tableOf(source, cells, { perturbed: parent.enrolledStudents?.perturbed ?? false, ratio: true });
}

export const statisticsResolvers: GraphQLResolverMap<FacilityContext> = {
  Statistics: {
    __resolveReference: (reference: StatisticsWithGroups) => reference,
    buildingAreaPerStudent,
    dangerousBuildingArea,
  },
};
