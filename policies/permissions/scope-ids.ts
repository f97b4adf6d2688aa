import { canonicalScopeKey } from './row-scope';
import type { RowScope } from './types';

/**
 * Gives each distinct scope of a request a short id. A district's scope lists
 * hundreds of schools and many coordinates share it, so `Permissions` stores
 * each scope once under its id and keeps the signed context small.
 *
 * The id is a hash of the scope's content, not a counter, so the same scope
 * has the same id whatever else the request holds. Ids are given in sorted
 * order of content; on the (unlikely) clash of two hashes the later one gets
 * a suffix, which keeps the result deterministic.
 */
export function assignScopeIds(scopes: Iterable<RowScope>): Map<string, { id: string; scope: RowScope }> {
  const byKey = new Map<string, RowScope>();
  for (const scope of scopes) byKey.set(canonicalScopeKey(scope), scope);

  const taken = new Set<string>();
  const assigned = new Map<string, { id: string; scope: RowScope }>();
  for (const key of [...byKey.keys()].sort()) {
    const base = key === 'all' ? 'all' : `s${hash53(key).toString(36)}`;
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}~${n}`;
    taken.add(id);
    assigned.set(key, { id, scope: byKey.get(key)! });
  }
  return assigned;
}

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain); policies/ may not use node:crypto. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
