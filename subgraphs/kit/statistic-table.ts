import { shippedCatalog, type Catalog } from '../../policies/catalog';
import { errors } from '../../policies/errors';
import { toGraphQLError } from '../../platform/graphql-errors';
import { rowScopeOf } from '../../policies/permissions';
import type { Permissions } from '../../policies/permissions/types';
import {
  DEFAULT_SUPPRESSION_THRESHOLD, dimensionName, districtOf, keyString, suppressSmallCells, withTotals,
  type CellKey, type CountCell, type StatisticDefinition, type StatisticDimension, type StatisticsRequest,
} from '../../policies/statistics';

/** A table with more cells is no statistic but a listing; its totals and suppression would cost the process too. */
const MAX_CELLS = 20_000;

/** A statistic as the schema's StatisticTable serves it. */
export interface StatisticTable {
  readonly title: string;
  readonly definition: string;
  readonly unit: string;
  readonly updateCycle: string;
  readonly asOf: string;
  readonly suppressionThreshold: number | null;
  readonly cells: ReadonlyArray<StatisticCell>;
  readonly totals: ReadonlyArray<StatisticCell>;
}

export interface StatisticCell {
  readonly dimensions: ReadonlyArray<{ dimension: StatisticDimension; code: string; name: string }>;
  readonly value: number | null;
  readonly suppressed: boolean;
}

export interface TableSource {
  readonly definition: StatisticDefinition;
  readonly request: StatisticsRequest;
  /** The table's dimensions: the request's groupBy, plus the band for class sizes. */
  readonly groupBy: ReadonlyArray<StatisticDimension>;
  readonly permissions: Permissions;
  /** When the figures were read from (or last refreshed in) the source. */
  readonly asOf: Date;
  /** The catalog coordinate whose resource's update cycle the figures follow. */
  readonly cycleOf: string;
}

/**
 * Publishes counts at the finest level with every level of totals. Person
 * counts are suppressed for a reader without record-level access to the rows
 * behind a cell: the reader's row scope on the records' coordinate (its own
 * jurisdiction, or a grant) must reach the whole cell, i.e. every row or the
 * cell's district (DESIGN.md: a unit reads the records of its own subtree).
 */
export function countTable(source: TableSource, counts: ReadonlyArray<CountCell>): StatisticTable {
  if (counts.length > MAX_CELLS) {
    throw toGraphQLError(errors.badUserInput('groupBy', `${counts.length} groups, more than the ${MAX_CELLS} one table may have; group by fewer dimensions or filter.`, `Statistics.${source.definition.name}`));
  }
  const all = withTotals(counts, source.groupBy);
  const recordLevel = recordLevelAccess(source);
  const suppressing = source.definition.countsPersons && !all.every((c) => recordLevel(c.key));
  const threshold = suppressionThreshold();
  const published = source.definition.countsPersons
    ? suppressSmallCells({ cells: all, groupBy: source.groupBy, threshold, recordLevel })
    : all.map((c) => ({ ...c, suppressed: false }));
  return tableOf(source, published.map((c) => ({ key: c.key, value: c.suppressed ? null : c.value, suppressed: c.suppressed })), suppressing ? threshold : null);
}

/** A table of values derived from published cells (ratios, areas); the caller has already withheld what it must. */
export function tableOf(source: TableSource, cells: ReadonlyArray<{ key: CellKey; value: number | null; suppressed: boolean }>, threshold: number | null): StatisticTable {
  const depth = source.groupBy.length;
  const toCell = (c: { key: CellKey; value: number | null; suppressed: boolean }): StatisticCell => ({
    dimensions: source.groupBy.filter((d) => c.key[d] !== undefined).map((d) => ({ dimension: d, code: c.key[d]!, name: dimensionName(d, c.key[d]!) })),
    value: c.value,
    suppressed: c.suppressed,
  });
  const size = (c: { key: CellKey }) => Object.keys(c.key).length;
  const ordered = [...cells].sort((a, b) => size(b) - size(a) || (keyString(a.key) < keyString(b.key) ? -1 : 1));
  const resource = catalog().resourceOf(source.cycleOf);
  return {
    title: source.definition.title,
    definition: source.definition.definition,
    unit: source.definition.unit,
    updateCycle: resource?.updateCycle ?? '',
    asOf: source.asOf.toISOString(),
    suppressionThreshold: threshold,
    cells: ordered.filter((c) => size(c) === depth).map(toCell),
    totals: ordered.filter((c) => size(c) < depth).map(toCell),
  };
}

/** The process's one catalog (policies' shippedCatalog): the threshold and update cycles are read from it. */
function catalog(): Catalog {
  return shippedCatalog();
}

/** The catalog's setting on the statistics resource (Measures ch. 2: the catalog states how each resource is served). */
export function suppressionThreshold(): number {
  return catalog().resourceOf('Query.statistics')?.suppressionThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
}

/** True when every coordinate of the records behind the statistic reaches the whole cell. */
export function recordLevelAccess(source: TableSource): (key: CellKey) => boolean {
  const scopes = source.definition.recordCoordinates.map((c) => rowScopeOf(source.permissions, c));
  return (key) => {
    const district = districtOf(key, source.request.filter);
    return scopes.every((scope) => scope !== undefined && (scope.all || (district !== undefined && scope.districts.includes(district))));
  };
}
