import { canonicalGroupBy, keyString, withoutDimension, type CellKey, type CountCell, type StatisticDimension } from './dimensions';

/**
 * Small-cell suppression of a table of person counts, with every level of
 * totals the table publishes (Measures 第十九条: open data must protect
 * personal information; 第九条 and 第十四条 the same for shared data).
 *
 * Primary: a cell below the threshold is withheld unless the reader has
 * record-level access to every row behind it (`recordLevel`).
 * Complementary: the table and its totals form equations `total = Σ line`
 * (one per total and dimension collapsed). While an equation has exactly one
 * withheld member, that member could be recomputed by subtraction, so one
 * more member is withheld: the smallest cell of the line (the least
 * information lost), or the total when the line has none left. At the end
 * every equation has zero or at least two withheld members.
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export interface SuppressionInput {
  /** Cells of every level (see `withTotals`), the grand total (empty key) included. */
  readonly cells: ReadonlyArray<CountCell>;
  readonly groupBy: ReadonlyArray<StatisticDimension>;
  readonly threshold: number;
  /** True when the reader may see every record behind cells with this key (its own jurisdiction). */
  readonly recordLevel: (key: CellKey) => boolean;
}

export interface SuppressedCell extends CountCell {
  readonly suppressed: boolean;
  /** Why: withheld as small, or to protect a small one. */
  readonly reason?: 'PRIMARY' | 'COMPLEMENTARY';
}

interface Equation {
  readonly total: number;
  readonly members: ReadonlyArray<number>;
}

export function suppressSmallCells(input: SuppressionInput): SuppressedCell[] {
  const dims = canonicalGroupBy(input.groupBy);
  const cells = input.cells;
  const index = new Map<string, number>();
  cells.forEach((cell, i) => index.set(keyString(cell.key), i));
  const equations: Equation[] = [];
  const lines = new Map<string, number[]>();
  cells.forEach((cell, i) => {
    for (const d of dims) {
      if (cell.key[d] === undefined) continue;
      // Keys carry their dimension names, so keys of different levels never meet.
      const id = `${d}#${keyString(withoutDimension(cell.key, d))}`;
      const line = lines.get(id);
      if (line) line.push(i);
      else lines.set(id, [i]);
    }
  });
  const open = readerCannotSee(cells, dims, lines, input.recordLevel);
  const reason: Array<'PRIMARY' | 'COMPLEMENTARY' | undefined> = cells.map((cell, i) =>
    open[i] && cell.value < input.threshold ? 'PRIMARY' : undefined);
  for (const [id, members] of lines) {
    const total = index.get(id.slice(id.indexOf('#') + 1));
    if (total !== undefined) equations.push({ total, members });
  }
  const involving = cells.map(() => [] as number[]);
  equations.forEach((eq, e) => [eq.total, ...eq.members].forEach((i) => involving[i]!.push(e)));

  const queue = equations.map((_, e) => e);
  while (queue.length > 0) {
    const eq = equations[queue.pop()!]!;
    const all = [eq.total, ...eq.members];
    if (all.filter((i) => reason[i] !== undefined).length !== 1) continue;
    const candidates = eq.members.filter((i) => reason[i] === undefined && open[i])
      .sort((a, b) => cells[a]!.value - cells[b]!.value || (keyString(cells[a]!.key) < keyString(cells[b]!.key) ? -1 : 1));
    const pick = candidates[0] ?? (reason[eq.total] === undefined && open[eq.total] ? eq.total : undefined);
    // Nothing left to withhold: the reader already sees every other member through its own records.
    if (pick === undefined) continue;
    reason[pick] = 'COMPLEMENTARY';
    queue.push(...involving[pick]!);
  }
  return cells.map((cell, i) => {
    const why = reason[i];
    return why === undefined ? { ...cell, suppressed: false } : { ...cell, suppressed: true, reason: why };
  });
}

/**
 * Which cells hold rows the reader may not see. A total is visible when every
 * cell of one of its lines is (its rows are all the reader's own, e.g. a
 * district bureau's district is the only one with the group), so it is
 * decided from the finest level up.
 */
function readerCannotSee(
  cells: ReadonlyArray<CountCell>, dims: ReadonlyArray<StatisticDimension>, lines: ReadonlyMap<string, number[]>, recordLevel: (key: CellKey) => boolean,
): boolean[] {
  const open = cells.map((cell) => !recordLevel(cell.key));
  const order = cells.map((_, i) => i).sort((a, b) => Object.keys(cells[b]!.key).length - Object.keys(cells[a]!.key).length);
  for (const i of order) {
    if (!open[i]) continue;
    const key = cells[i]!.key;
    const seen = dims.some((d) => key[d] === undefined && (lines.get(`${d}#${keyString(key)}`) ?? []).every((m) => !open[m]) && lines.has(`${d}#${keyString(key)}`));
    if (seen) open[i] = false;
  }
  return open;
}
