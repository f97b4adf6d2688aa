import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { errors } from '../../policies/errors';
import { checkStatisticsRequest, parseStatisticsKey, statisticDefinitions, statisticsKey, type CellKey, type CountCell, type StatisticDimension } from '../../policies/statistics';
import { toGraphQLError } from '../../platform/graphql-errors';
import { countTable, recordLevelAccess, type StatisticTable, type TableSource } from '../kit/statistic-table';
import { checkReferenceDate, requestFor, type StatisticsEntity } from '../kit/statistics-request';
import { StudentDbUnavailable } from './adapter';
import type { StudentContext } from './resolvers';
import { classSizeBandStatement, enrolledStatement, schoolGroupsStatement, type SqlStatement } from './statistics-sql';

/**
 * Query.statistics and the student-status DB's part of it. The DB is live,
 * so figures are as of the query; each is one GROUP BY in the database.
 */
async function aggregate(context: StudentContext, coordinate: string, statement: SqlStatement) {
  try {
    return await context.db.aggregate(statement);
  } catch (error) {
    if (error instanceof StudentDbUnavailable) throw toGraphQLError(errors.upstreamUnavailable('student-status', coordinate));
    throw error;
  }
}

async function counted(context: StudentContext, coordinate: string, statement: SqlStatement, groupBy: ReadonlyArray<StatisticDimension>, referenceDate: string): Promise<CountCell[]> {
  const rows = await aggregate(context, coordinate, statement);
  return rows.map((row) => {
    const key: Partial<Record<StatisticDimension, string>> = {};
    for (const d of groupBy) key[d] = d === 'REFERENCE_DATE' ? referenceDate : String(row[d]);
    return row.k === undefined ? { key: key as CellKey, value: Number(row.n) } : { key: key as CellKey, value: Number(row.n), keySum: Number(row.k) };
  });
}

async function enrolledStudents(parent: StatisticsEntity, _args: unknown, context: StudentContext): Promise<StatisticTable> {
  const request = requestFor(parent, 'enrolledStudents');
  const asOf = new Date();
  const referenceDate = checkReferenceDate(request, asOf, 'enrolledStudents');
  const source: TableSource = {
    definition: statisticDefinitions.enrolledStudents, request, groupBy: request.groupBy,
    permissions: context.permissions, asOf, cycleOf: 'Query.students',
  };
  // Record keys cost a table read: only a reader who may not see every row behind the grand total gets perturbed cells.
  const secret = recordLevelAccess(source)({}) ? undefined : context.cellKeySecret;
  const cells = await counted(context, 'Statistics.enrolledStudents', enrolledStatement(request.filter, request.groupBy, secret), request.groupBy, referenceDate);
  return countTable(source, cells);
}

async function classSizeBands(parent: StatisticsEntity, _args: unknown, context: StudentContext): Promise<StatisticTable> {
  const request = requestFor(parent, 'classSizeBands');
  const asOf = new Date();
  const referenceDate = checkReferenceDate(request, asOf, 'classSizeBands');
  const groupBy: StatisticDimension[] = [...request.groupBy, 'CLASS_SIZE_BAND'];
  const cells = await counted(context, 'Statistics.classSizeBands', classSizeBandStatement(request.filter, request.groupBy), groupBy, referenceDate);
  return countTable({
    definition: statisticDefinitions.classSizeBands, request, groupBy, permissions: context.permissions, asOf, cycleOf: 'Query.students',
  }, cells);
}

/** Read by the teacher and facility subgraphs through @requires: they count per school and sum into these groups. */
async function schoolGroups(parent: StatisticsEntity, _args: unknown, context: StudentContext) {
  const parsed = parseStatisticsKey(parent.query);
  if (!parsed.ok) throw toGraphQLError(errors.badUserInput(parsed.argument, parsed.why, 'Statistics.schoolGroups'));
  const raw = await aggregate(context, 'Statistics.schoolGroups', schoolGroupsStatement(parsed.value.filter));
  return raw.map((r) => ({ school: String(r.school), district: String(r.DISTRICT), runningType: String(r.RUNNING_TYPE) }));
}

export const statisticsResolvers: GraphQLResolverMap<StudentContext> = {
  Query: {
    statistics: (_parent: unknown, args: { filter?: Record<string, unknown> | null; groupBy?: string[] | null }) => {
      const checked = checkStatisticsRequest(args.filter, args.groupBy);
      if (!checked.ok) throw toGraphQLError(errors.badUserInput(checked.argument, checked.why, 'Query.statistics'));
      return { query: statisticsKey(checked.value) };
    },
  },
  Statistics: {
    __resolveReference: (reference: StatisticsEntity) => ({ query: reference.query }),
    enrolledStudents,
    classSizeBands,
    schoolGroups,
  },
};
