import type { HotState } from './hot-state';

/**
 * A read-through cache of non-personal entities in the shared hot state, so
 * that instances share one copy and spare the legacy systems. Personal data is
 * never put in a shared cache (DESIGN.md "Stores"), so what may be cached is a
 * closed list of kinds, each saying what it holds and why that is not
 * personal. (School rows of the student-status DB are not on it: they carry
 * the principal's name, 校长姓名.)
 */
export const nonPersonalKinds = {
  'school-directory': 'school codes, names and districts (学校名录), open data the gateway builds the unit tree from',
} as const;

export type NonPersonalKind = keyof typeof nonPersonalKinds;

const keyOf = (kind: NonPersonalKind, key: string) => `entity:${kind}:${key}`;

/**
 * The cached value, or `load()`'s, kept for `ttlSeconds`. The cache never
 * fails a caller: while Redis is unreachable every call loads.
 */
export async function readThrough<T>(
  hotState: HotState, kind: NonPersonalKind, key: string, ttlSeconds: number, load: () => Promise<T>,
): Promise<T> {
  const cached = await hotState.get(keyOf(kind, key)).catch(() => undefined);
  if (cached !== undefined) return JSON.parse(cached) as T;
  const value = await load();
  await hotState.set(keyOf(kind, key), JSON.stringify(value), ttlSeconds).catch(() => undefined);
  return value;
}

/** Drops a cached entity after its source changed, so the next reader loads it. */
export async function forgetNonPersonal(hotState: HotState, kind: NonPersonalKind, key: string): Promise<void> {
  await hotState.delete(keyOf(kind, key)).catch(() => undefined);
}
