import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { errors } from '../../policies/errors';
import { keyString, statisticDefinitions, type CellKey, type CountCell, type StatisticDimension, type StatisticsRequest } from '../../policies/statistics';
import { toGraphQLError } from '../../platform/graphql-errors';
import { countTable, tableOf, type StatisticCell, type StatisticTable } from '../kit/statistic-table';
import { checkReferenceDate, requestFor, type StatisticsEntity } from '../kit/statistics-request';
import type { TeacherContext } from './resolvers';
import type { TeacherFact } from './teacher-statistics';

/** The entity with what @requires brought from the student subgraph. */
interface StatisticsWithGroups extends StatisticsEntity {
  readonly schoolGroups?: ReadonlyArray<{ school: string; district: string; runningType: string }>;
  readonly enrolledStudents?: { perturbed: boolean; cells: StatisticCell[]; totals: StatisticCell[] };
}

async function table(context: TeacherContext, coordinate: string) {
  try {
    return await context.statistics.current();
  } catch {
    throw toGraphQLError(errors.upstreamUnavailable('teacher-hr', coordinate));
  }
}

/** Sums the per-school facts into the asked groups; schools outside the filter's groups are left out. */
function teacherCells(parent: StatisticsWithGroups, request: StatisticsRequest, facts: ReadonlyArray<TeacherFact>, referenceDate: string): CountCell[] {
  const groups = new Map((parent.schoolGroups ?? []).map((g) => [g.school, g]));
  const sums = new Map<string, { key: CellKey; value: number; keySum: number }>();
  for (const fact of facts) {
    const group = groups.get(fact.school);
    if (!group) continue;
    if (request.filter.gender !== undefined && fact.gender !== request.filter.gender) continue;
    if (request.filter.ethnicity !== undefined && fact.ethnicity !== request.filter.ethnicity) continue;
    const values: Partial<Record<StatisticDimension, string>> = {
      DISTRICT: group.district, RUNNING_TYPE: group.runningType, GENDER: fact.gender, ETHNICITY: fact.ethnicity, REFERENCE_DATE: referenceDate,
    };
    const key: Partial<Record<StatisticDimension, string>> = {};
    for (const d of request.groupBy) key[d] = values[d];
    const id = keyString(key);
    const sum = sums.get(id);
    if (sum) {
      sum.value += fact.count;
      sum.keySum += fact.keySum;
    } else sums.set(id, { key, value: fact.count, keySum: fact.keySum });
  }
  return [...sums.values()];
}

async function fullTimeTeachers(parent: StatisticsWithGroups, _args: unknown, context: TeacherContext): Promise<StatisticTable> {
  const request = requestFor(parent, 'fullTimeTeachers');
  const { asOf, facts } = await table(context, 'Statistics.fullTimeTeachers');
  const referenceDate = checkReferenceDate(request, asOf, 'fullTimeTeachers');
  return countTable({
    definition: statisticDefinitions.fullTimeTeachers, request, groupBy: request.groupBy, permissions: context.permissions, asOf, cycleOf: 'Query.teachers',
  }, teacherCells(parent, request, facts, referenceDate));
}

/**
 * 生师比 from the published counts on both sides (perturbed ones for a
 * reader who gets them), so it gives away no more than they do; a group
 * with no published teachers has no ratio.
 */
async function studentTeacherRatio(parent: StatisticsWithGroups, _args: unknown, context: TeacherContext): Promise<StatisticTable> {
  const request = requestFor(parent, 'studentTeacherRatio');
  const { asOf, facts } = await table(context, 'Statistics.studentTeacherRatio');
  const referenceDate = checkReferenceDate(request, asOf, 'studentTeacherRatio');
  const source = { definition: statisticDefinitions.studentTeacherRatio, request, groupBy: request.groupBy, permissions: context.permissions, asOf, cycleOf: 'Query.teachers' };
  const teachers = countTable({ ...source, definition: statisticDefinitions.fullTimeTeachers }, teacherCells(parent, request, facts, referenceDate));
  const keyOf = (cell: StatisticCell): CellKey => Object.fromEntries(cell.dimensions.map((d) => [d.dimension, d.code]));
  const byKey = new Map([...teachers.cells, ...teachers.totals].map((c) => [keyString(keyOf(c)), c]));
  const students = [...(parent.enrolledStudents?.cells ?? []), ...(parent.enrolledStudents?.totals ?? [])];
  const cells = students.map((s) => {
    const key = keyOf(s);
    const t = byKey.get(keyString(key));
    return { key, value: !t?.value || s.value === null ? null : Math.round((s.value / t.value) * 10) / 10 };
  });
  return tableOf(source, cells, { perturbed: teachers.perturbed || (parent.enrolledStudents?.perturbed ?? false), ratio: true });
}

export const statisticsResolvers: GraphQLResolverMap<TeacherContext> = {
  Statistics: {
    __resolveReference: (reference: StatisticsWithGroups) => reference,
    fullTimeTeachers,
    studentTeacherRatio,
  },
};
