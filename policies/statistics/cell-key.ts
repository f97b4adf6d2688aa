/**
 * The cell-key method (ABS TableBuilder, ONS flexible tables) for counts of
 * persons published to readers without record-level access.
 *
 * Terms: every record carries a fixed *record key* in [0, CELL_KEY_MODULUS),
 * drawn from a secret and the record's id where the records live; a cell's
 * *cell key* is the sum of the record keys of its records, modulo the same
 * number. The *perturbation table* (ptable) maps (true count, cell key) to
 * the published count. Both inputs depend on the set of records behind the
 * cell only, never on the table, grouping or filter it was asked through, so
 * a cell always publishes the same value: asking again, or by another road,
 * gains nothing.
 *
 * Small-count rule: a count of persons is published as 0 or as at least
 * `smallestCount`, never in between; a true 0 is published as 0, and any
 * count below smallestCount may be. Cells
 * published as 0 are left out of tables, exactly like empty combinations, so
 * "not listed" means "0 to smallestCount − 1 persons" and tells no more.
 */
export const CELL_KEY_MODULUS = 256;

export interface PerturbationParameters {
  /** D: the published count lies within ±D of the true one. */
  readonly maxNoise: number;
  /** The spread of the noise before it is cut to ±D and made unbiased. */
  readonly variance: number;
  /** Published non-zero counts are at least this (the small-count rule). */
  readonly smallestCount: number;
}

interface Outcome {
  readonly value: number;
  /** Cell keys below this (and at or above the previous outcome's) give this value. */
  readonly keysBelow: number;
}

/** The published values a true count can take, with their probabilities (out of CELL_KEY_MODULUS). */
export type PtableRow = ReadonlyArray<Outcome>;

/**
 * One row of the ptable: noise weights shaped like a normal curve cut to ±D,
 * over the values the small-count rule allows, tilted so the mean is the true
 * count wherever the allowed values surround it (unbiased), then rounded to
 * whole cell keys. A pure function of its arguments: every part of the pool
 * computes the same table.
 */
export function ptableRow(count: number, p: PerturbationParameters): PtableRow {
  if (count <= 0) return [{ value: 0, keysBelow: CELL_KEY_MODULUS }];
  // A small count may always fall to 0, however far that is: 0 must hide every small count alike.
  const allowed: number[] = count < p.smallestCount ? [0] : [];
  for (let v = Math.max(1, count - p.maxNoise); v <= count + p.maxNoise; v++) {
    if (v >= p.smallestCount) allowed.push(v);
  }
  const weights = (tilt: number) => allowed.map((v) => Math.exp(-((v - count) ** 2) / (2 * p.variance) + tilt * (v - count)));
  const mean = (tilt: number) => {
    const w = weights(tilt);
    const total = w.reduce((s, x) => s + x, 0);
    return w.reduce((s, x, i) => s + x * allowed[i]!, 0) / total;
  };
  let tilt = 0;
  if (allowed[0]! < count && allowed[allowed.length - 1]! > count) {
    let low = -20;
    let high = 20;
    for (let i = 0; i < 100; i++) {
      tilt = (low + high) / 2;
      if (mean(tilt) < count) low = tilt;
      else high = tilt;
    }
  }
  return toKeyRanges(allowed, weights(tilt));
}

/** Whole numbers of cell keys per value by largest remainder, so they add up to CELL_KEY_MODULUS exactly. */
function toKeyRanges(values: ReadonlyArray<number>, weights: ReadonlyArray<number>): PtableRow {
  const total = weights.reduce((s, x) => s + x, 0);
  const exact = weights.map((w) => (w / total) * CELL_KEY_MODULUS);
  const whole = exact.map(Math.floor);
  const order = exact.map((x, i) => i).sort((a, b) => (exact[b]! - whole[b]!) - (exact[a]! - whole[a]!) || a - b);
  for (let left = CELL_KEY_MODULUS - whole.reduce((s, x) => s + x, 0), k = 0; left > 0; left--, k++) whole[order[k]!]!++;
  const outcomes: Outcome[] = [];
  let below = 0;
  values.forEach((value, i) => {
    if (whole[i] === 0) return;
    below += whole[i]!;
    outcomes.push({ value, keysBelow: below });
  });
  return outcomes;
}

const rows = new Map<string, PtableRow>();

/**
 * Rows past smallestCount + D meet no boundary: they are the same row moved
 * along, so only that many rows are ever computed per parameter set.
 */
function rowOf(count: number, p: PerturbationParameters): PtableRow {
  const plain = p.smallestCount + p.maxNoise;
  if (count > plain) return rowOf(plain, p).map((o) => ({ value: o.value + count - plain, keysBelow: o.keysBelow }));
  const id = `${p.maxNoise}/${p.variance}/${p.smallestCount}/${count}`;
  let row = rows.get(id);
  if (!row) rows.set(id, (row = ptableRow(count, p)));
  return row;
}

/** The published count of a cell: its true count and the sum of its records' keys. */
export function perturbCount(count: number, keySum: number, p: PerturbationParameters): number {
  const cellKey = ((keySum % CELL_KEY_MODULUS) + CELL_KEY_MODULUS) % CELL_KEY_MODULUS;
  return rowOf(count, p).find((o) => cellKey < o.keysBelow)!.value;
}

/**
 * Every true count that can publish `published` (the ptable is public: the
 * method's protection is the secret record keys, not a secret table). A
 * published 0 means 0 to smallestCount − 1; a published p ≥ smallestCount
 * several counts within ±D.
 */
export function possibleCounts(published: number, p: PerturbationParameters): number[] {
  const possible: number[] = [];
  const from = published === 0 ? 0 : Math.max(0, published - p.maxNoise);
  const to = published === 0 ? p.smallestCount - 1 : published + p.maxNoise;
  for (let n = from; n <= to; n++) {
    if (rowOf(n, p).some((o) => o.value === published)) possible.push(n);
  }
  return possible;
}

/** The mean and variance of a row's noise: the figures the README states for the parameters in use. */
export function noiseMoments(count: number, p: PerturbationParameters): { mean: number; variance: number } {
  let before = 0;
  let mean = 0;
  let square = 0;
  for (const o of rowOf(count, p)) {
    const share = (o.keysBelow - before) / CELL_KEY_MODULUS;
    before = o.keysBelow;
    mean += share * (o.value - count);
    square += share * (o.value - count) ** 2;
  }
  return { mean, variance: square - mean ** 2 };
}

/** What the shipped catalog sets for open statistics; a catalog without a setting gets the same. */
export const DEFAULT_PERTURBATION: PerturbationParameters = Object.freeze({ maxNoise: 3, variance: 2, smallestCount: 5 });
