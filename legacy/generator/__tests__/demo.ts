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
