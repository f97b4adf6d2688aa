/** The demo dataset every test file checks, generated once per file. */
import { generateLegacyDataset } from '..';

export const SCHOOL_YEAR = 2026;
export const demo = generateLegacyDataset({ size: 'demo', seed: 20260901 });
export const demoStudents = [...demo.students()];
export const MOBILE = /^1[3-9]\d{9}$/;

export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** The first few rows breaking a rule: one expect per whole-table check keeps the tests fast. */
export function violations<T>(rows: Iterable<T>, rule: (row: T) => boolean): T[] {
  const failed: T[] = [];
  for (const row of rows) if (!rule(row) && failed.push(row) >= 3) break;
  return failed;
}
