import { errors } from '../../policies/errors';
import {
  parseStatisticsKey, statisticDefinitions, type StatisticDimension, type StatisticName, type StatisticsRequest,
} from '../../policies/statistics';
import { toGraphQLError } from '../../platform/graphql-errors';

/** The `Statistics` entity as every subgraph receives it: its key only. */
export interface StatisticsEntity {
  readonly query: string;
}

/**
 * The question behind a Statistics field, checked against the statistic's
 * definition: grouping or filtering by a dimension the statistic does not
 * have is BAD_USER_INPUT at that field (the others are still answered).
 */
export function requestFor(parent: StatisticsEntity, statistic: StatisticName): StatisticsRequest {
  const coordinate = `Statistics.${statistic}`;
  const parsed = parseStatisticsKey(parent.query);
  if (!parsed.ok) throw toGraphQLError(errors.badUserInput(parsed.argument, parsed.why, coordinate));
  const allowed = new Set<StatisticDimension>(statisticDefinitions[statistic].dimensions);
  const extra = parsed.value.groupBy.find((d) => !allowed.has(d));
  if (extra) throw toGraphQLError(errors.badUserInput('groupBy', `${statisticDefinitions[statistic].title} has no dimension ${extra}.`, coordinate));
  const filtered: Array<[string, StatisticDimension]> = [
    ['district', 'DISTRICT'], ['runningType', 'RUNNING_TYPE'], ['grade', 'GRADE'], ['gender', 'GENDER'], ['ethnicity', 'ETHNICITY'],
  ];
  for (const [name, dimension] of filtered) {
    if (parsed.value.filter[name as keyof StatisticsRequest['filter']] !== undefined && !allowed.has(dimension)) {
      throw toGraphQLError(errors.badUserInput(`filter.${name}`, `${statisticDefinitions[statistic].title} has no dimension ${dimension}.`, coordinate));
    }
  }
  return parsed.value;
}

/** The reference date of figures read at `asOf`, in Beijing time (UTC+8). */
export function referenceDateOf(asOf: Date): string {
  return new Date(asOf.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The legacy systems keep current states only, so a statistic can be given
 * as of its source's reading and no other day: another reference date is
 * BAD_USER_INPUT naming the one available.
 */
export function checkReferenceDate(request: StatisticsRequest, asOf: Date, statistic: StatisticName): string {
  const available = referenceDateOf(asOf);
  const asked = request.filter.referenceDate;
  if (asked !== undefined && asked !== available) {
    throw toGraphQLError(errors.badUserInput('filter.referenceDate', `the source holds current figures only; ask for ${available} or leave it out.`, `Statistics.${statistic}`));
  }
  return available;
}
