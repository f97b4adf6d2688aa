import { shippedCatalog, type Catalog } from '../../policies/catalog';
import { errors } from '../../policies/errors';
import { toGraphQLError } from '../../platform/graphql-errors';
import { rowScopeOf } from '../../policies/permissions';
import type { Permissions } from '../../policies/permissions/types';
import {
  DEFAULT_PERTURBATION, dimensionName, districtOf, keyString, perturbCount, withTotals,
  type CellKey, type CountCell, type PerturbationParameters, type StatisticDefinition, type StatisticDimension, type StatisticsRequest,
} from '../../policies/statistics';

/** A table with more cells is no statistic but a listing; its totals and perturbation would cost the process too. */
const MAX_CELLS = 20_000;

/** A statistic as the schema's StatisticTable serves it. */
export interface StatisticTable {
  readonly title: string;
  readonly definition: string;
  readonly unit: string;
  readonly updateCycle: string;
  readonly asOf: string;
  /** True when some figure is not exact for this reader (perturbed, or derived from perturbed counts). */
  readonly perturbed: boolean;
  readonly perturbation: PerturbationParameters | null;
  /** True when every total is the sum of its cells. */
  readonly additive: boolean;
  /** 说明: what the reader may and may not do with the figures, in Chinese. */
  readonly note: string;
  readonly cells: ReadonlyArray<StatisticCell>;
  readonly totals: ReadonlyArray<StatisticCell>;
}

export interface StatisticCell {
  readonly dimensions: ReadonlyArray<{ dimension: StatisticDimension; code: string; name: string }>;
  readonly value: number | null;
}

/** How the figures of a table came about, for its additivity flag and note. */
export interface TableKind {
  readonly perturbed: boolean;
  /** Ratios do not add up; counts and areas do when exact. */
  readonly ratio: boolean;
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
 * Publishes counts at the finest level with every level of totals. Counts
 * of persons are perturbed by the cell-key method for a reader without
 * record-level access to the rows behind a cell: the reader's row scope on
 * the records' coordinate (its own jurisdiction, or a grant) must reach the
 * whole cell, i.e. every row or the cell's district (DESIGN.md: a unit reads
 * the records of its own subtree); such a reader keeps exact figures. A
 * perturbed cell published as 0 is left out like an empty combination.
 */
export function countTable(source: TableSource, counts: ReadonlyArray<CountCell>): StatisticTable {
  if (counts.length > MAX_CELLS) {
    throw toGraphQLError(errors.badUserInput('groupBy', `${counts.length} groups, more than the ${MAX_CELLS} one table may have; group by fewer dimensions or filter.`, `Statistics.${source.definition.name}`));
  }
  const all = withTotals(counts, source.groupBy);
  const recordLevel = recordLevelAccess(source);
  // Decided by the reader and the question only: were it decided by the rows, an empty answer would say "exact" and give its zeros away.
  const perturbed = source.definition.countsPersons && !recordLevel({});
  if (!perturbed) return tableOf(source, all, { perturbed: false, ratio: false });
  const parameters = perturbationParameters();
  const published = all.flatMap((cell) => {
    if (recordLevel(cell.key)) return [cell];
    // The adapters add record keys to every count of persons; a count without them is a programming error, never published exactly.
    if (cell.keySum === undefined) throw new Error(`${source.definition.name}: a count without record keys cannot be perturbed`);
    const value = perturbCount(cell.value, cell.keySum, parameters);
    return value === 0 ? [] : [{ key: cell.key, value }];
  });
  return tableOf(source, published, { perturbed: true, ratio: false });
}

/** A table of published cells, or of values derived from published cells (ratios, areas per student). */
export function tableOf(source: TableSource, cells: ReadonlyArray<{ key: CellKey; value: number | null }>, kind: TableKind): StatisticTable {
  const depth = source.groupBy.length;
  const toCell = (c: { key: CellKey; value: number | null }): StatisticCell => ({
    dimensions: source.groupBy.filter((d) => c.key[d] !== undefined).map((d) => ({ dimension: d, code: c.key[d]!, name: dimensionName(d, c.key[d]!) })),
    value: c.value,
  });
  const size = (c: { key: CellKey }) => Object.keys(c.key).length;
  const ordered = [...cells].sort((a, b) => size(b) - size(a) || (keyString(a.key) < keyString(b.key) ? -1 : 1));
  const resource = catalog().resourceOf(source.cycleOf);
  const parameters = kind.perturbed ? perturbationParameters() : null;
  return {
    title: source.definition.title,
    definition: source.definition.definition,
    unit: source.definition.unit,
    updateCycle: resource?.updateCycle ?? '',
    asOf: source.asOf.toISOString(),
    perturbed: kind.perturbed,
    perturbation: parameters,
    additive: !kind.perturbed && !kind.ratio,
    note: noteOf(kind, parameters),
    cells: ordered.filter((c) => size(c) === depth).map(toCell),
    totals: ordered.filter((c) => size(c) < depth).map(toCell),
  };
}

/** The table's 说明, which the open data files carry too. */
function noteOf(kind: TableKind, p: PerturbationParameters | null): string {
  const adding = kind.ratio ? '比值不可相加：合计行是合计数之比，不是各单元格之和。' : '';
  if (!p) return `${adding || '合计等于其各单元格之和。'}本表为精确值。`;
  const method = `人数经单元格键扰动：每个公布值与真实值相差不超过 ${p.maxNoise}，1–${p.smallestCount - 1} 人显示为 0 或不少于 ${p.smallestCount}，公布值为 0 的组合不列出；同一组人在任何表、分组和筛选中取值相同。`;
  if (kind.ratio) return `本表由经扰动的公布计数计算。${method}${adding}`;
  return `${method}各级合计单独扰动，可能不等于其各单元格之和。`;
}

/** The process's one catalog (policies' shippedCatalog): the perturbation parameters and update cycles are read from it. */
function catalog(): Catalog {
  return shippedCatalog();
}

/** The catalog's setting on the statistics resource (Measures ch. 2: the catalog states how each resource is served). */
export function perturbationParameters(): PerturbationParameters {
  return catalog().resourceOf('Query.statistics')?.perturbation ?? DEFAULT_PERTURBATION;
}

/** True when every coordinate of the records behind the statistic reaches the whole cell. */
export function recordLevelAccess(source: TableSource): (key: CellKey) => boolean {
  const scopes = source.definition.recordCoordinates.map((c) => rowScopeOf(source.permissions, c));
  return (key) => {
    const district = districtOf(key, source.request.filter);
    return scopes.every((scope) => scope !== undefined && (scope.all || (district !== undefined && scope.districts.includes(district))));
  };
}
