import type { RowScope } from './types';

/**
 * Row scopes as sets of records, keyed by school: every record the pool
 * serves belongs to one school, so "is this record in scope" is a set test.
 */

export const ALL_ROWS: RowScope = Object.freeze({ all: true });

/** A scope from lists in any order, possibly repeating: sorted and deduplicated so equal scopes are equal data. */
export function partialScope(districts: Iterable<string>, schools: Iterable<string>): RowScope {
  return Object.freeze({
    all: false,
    districts: Object.freeze([...new Set(districts)].sort()),
    schools: Object.freeze([...new Set(schools)].sort()),
  });
}

/** Reaches no record: what a grant whose row scope names only units without records ends up with. */
export const NO_ROWS: RowScope = partialScope([], []);

/** The records either scope reaches. */
export function unionScope(a: RowScope, b: RowScope): RowScope {
  if (a.all || b.all) return ALL_ROWS;
  return partialScope([...a.districts, ...b.districts], [...a.schools, ...b.schools]);
}

const schoolSets = new WeakMap<RowScope, ReadonlySet<string>>();

/**
 * True when a record of `schoolCode` lies in the scope. Called per record, so
 * each scope's school list becomes a set once (cached by the scope object).
 */
export function inRowScope(scope: RowScope, schoolCode: string): boolean {
  if (scope.all) return true;
  let schools = schoolSets.get(scope);
  if (schools === undefined) {
    schools = new Set(scope.schools);
    schoolSets.set(scope, schools);
  }
  return schools.has(schoolCode);
}

/** A string equal for equal scopes: the basis of scope ids and of merging paths. */
export function canonicalScopeKey(scope: RowScope): string {
  return scope.all ? 'all' : `d:${scope.districts.join(',')}|s:${scope.schools.join(',')}`;
}
