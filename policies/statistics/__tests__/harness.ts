import { keyString, withTotals, type CellKey, type CountCell, type StatisticDimension } from '../dimensions';
import { suppressSmallCells, type SuppressedCell } from '../suppression';

/** A table row: `['440106', '11', 12]` is the cell DISTRICT=440106, GRADE=11 with 12. */
export type Row = ReadonlyArray<string | number>;

export function table(groupBy: ReadonlyArray<StatisticDimension>, rows: ReadonlyArray<Row>): CountCell[] {
  return rows.map((row) => {
    const key: Partial<Record<StatisticDimension, string>> = {};
    groupBy.forEach((d, i) => (key[d] = String(row[i])));
    return { key, value: Number(row[groupBy.length]) };
  });
}

export function suppress(
  groupBy: ReadonlyArray<StatisticDimension>, rows: ReadonlyArray<Row>, recordLevel: (key: CellKey) => boolean = () => false, threshold = 5,
): SuppressedCell[] {
  return suppressSmallCells({ cells: withTotals(table(groupBy, rows), groupBy), groupBy, threshold, recordLevel });
}

/** The keys withheld, as strings, sorted. */
export function withheld(cells: ReadonlyArray<SuppressedCell>): string[] {
  return cells.filter((c) => c.suppressed).map((c) => keyString(c.key) || '(total)').sort();
}

/**
 * What an attacker can recompute from the published cells and totals by
 * subtraction, repeated until nothing new comes out: every `total = Σ line`
 * with exactly one unknown gives that unknown. Returns the withheld cells it
 * recovered (key → value); a sound suppression leaves this empty.
 */
export function recoverBySubtraction(cells: ReadonlyArray<SuppressedCell>, groupBy: ReadonlyArray<StatisticDimension>): Map<string, number> {
  const known = new Map<string, number>();
  for (const c of cells) if (!c.suppressed) known.set(keyString(c.key), c.value);
  const equations: Array<{ total: string; members: string[] }> = [];
  const byKey = new Map(cells.map((c) => [keyString(c.key), c.key] as const));
  for (const [total, totalKey] of byKey) {
    for (const d of groupBy) {
      if (totalKey[d] !== undefined) continue;
      const members = [...byKey].filter(([, k]) => k[d] !== undefined && groupBy.every((o) => o === d || k[o] === totalKey[o])).map(([s]) => s);
      if (members.length > 0) equations.push({ total, members });
    }
  }
  const recovered = new Map<string, number>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const { total, members } of equations) {
      const unknown = [total, ...members].filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const [target] = unknown as [string];
      const sum = members.filter((k) => k !== target).reduce((s, k) => s + known.get(k)!, 0);
      const value = target === total ? sum : known.get(total)! - sum;
      known.set(target, value);
      recovered.set(target || '(total)', value);
      progress = true;
    }
  }
  return recovered;
}
