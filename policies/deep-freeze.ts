/**
 * Freezes a plain data structure all the way down. Policy data is shared by
 * every request of a process, so nothing may change it after loading.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
