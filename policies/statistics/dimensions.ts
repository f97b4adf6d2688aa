/**
 * The dimensions a statistic can be grouped by, and cells as the pure core
 * sees them: a value keyed by the codes of the dimensions it is grouped by.
 * A cell at a coarser level (fewer dimensions) is a total of finer cells.
 */
export const statisticDimensions = ['DISTRICT', 'RUNNING_TYPE', 'GRADE', 'GENDER', 'ETHNICITY', 'REFERENCE_DATE', 'CLASS_SIZE_BAND'] as const;
export type StatisticDimension = (typeof statisticDimensions)[number];

/** What a client may group by; CLASS_SIZE_BAND is the band of a class-size cell, always there. */
export const groupableDimensions: ReadonlyArray<StatisticDimension> = statisticDimensions.filter((d) => d !== 'CLASS_SIZE_BAND');

/** Dimension → code (GB/T 2260 district, 办学类型码, 年级码, GB/T 2261.1 sex, GB/T 3304 ethnicity, ISO date). */
export type CellKey = Readonly<Partial<Record<StatisticDimension, string>>>;

export interface CountCell {
  readonly key: CellKey;
  readonly value: number;
  /** For counts of persons: the sum of the record keys of the cell's records (see cell-key.ts). */
  readonly keySum?: number;
}

/** The groupBy list in the canonical order above, without repeats. */
export function canonicalGroupBy(groupBy: ReadonlyArray<StatisticDimension>): StatisticDimension[] {
  const wanted = new Set(groupBy);
  return statisticDimensions.filter((d) => wanted.has(d));
}

/** A string equal for equal keys over the same dimensions: `DISTRICT=440106|GRADE=11`. */
export function keyString(key: CellKey): string {
  return statisticDimensions.filter((d) => key[d] !== undefined).map((d) => `${d}=${key[d]}`).join('|');
}

/** The key with one dimension collapsed (the total the cell adds up to along that dimension). */
export function withoutDimension(key: CellKey, dimension: StatisticDimension): CellKey {
  const { [dimension]: _dropped, ...rest } = key;
  return rest;
}

/**
 * The cells of every level of the table (each subset of `groupBy`), the
 * finest given, the others summed from it: what row and column totals a
 * table publishes. Keys of absent cells are zero and known to everybody.
 * Record-key sums add up like the counts: a total's cell key is that of
 * all its records, whichever table it is asked through.
 */
export function withTotals(cells: ReadonlyArray<CountCell>, groupBy: ReadonlyArray<StatisticDimension>): CountCell[] {
  const dims = canonicalGroupBy(groupBy);
  const sums = new Map<string, { key: CellKey; value: number; keySum?: number }>();
  for (let mask = 0; mask < 1 << dims.length; mask++) {
    const kept = dims.filter((_, i) => (mask & (1 << i)) !== 0);
    for (const cell of cells) {
      const key: Partial<Record<StatisticDimension, string>> = {};
      for (const d of kept) key[d] = cell.key[d];
      const id = `${kept.length}#${keyString(key)}`;
      const sum = sums.get(id);
      if (!sum) sums.set(id, { ...cell, key });
      else {
        sum.value += cell.value;
        if (cell.keySum !== undefined) sum.keySum = (sum.keySum ?? 0) + cell.keySum;
      }
    }
  }
  return [...sums.values()];
}
