import { accessForRecord, type Permissions, type RecordAccess } from '../../policies/permissions';
import type { PersonalRecordType } from '../../platform/cross-part-types';

/**
 * How the guard finds, for a parent object of one type, the record it belongs
 * to: its school (what row scopes are tested against), its id (named in
 * OUT_OF_SCOPE errors) and, for personal data, the person's record (reported
 * in recordsServed). Each subgraph declares one locator per type whose fields
 * are catalog coordinates; the guard refuses to start without one.
 */
export interface RecordLocator<T> {
  readonly school: (record: T) => string;
  readonly id: (record: T) => string;
  /** Absent for records about no person (schools, classes, buildings). */
  readonly personal?: { readonly type: PersonalRecordType; readonly id: (record: T) => string };
}

export type RecordLocators = Readonly<Record<string, RecordLocator<object>>>;

/** Types one locator to the resolver's parent shape; the guard only ever calls it with parents of that type. */
export function locator<T>(definition: RecordLocator<T>): RecordLocator<object> {
  return definition as unknown as RecordLocator<object>;
}

const decisions = new WeakMap<Permissions, Map<string, Map<string, RecordAccess>>>();

/**
 * `accessForRecord`, remembered per request (keyed by the request's own
 * permissions object), per coordinate and per school: the guard asks the same
 * question for every field of every record of a list, and a list's records
 * share a few schools.
 */
export function recordAccess(permissions: Permissions, coordinate: string, schoolCode: string): RecordAccess {
  let byCoordinate = decisions.get(permissions);
  if (!byCoordinate) {
    byCoordinate = new Map();
    decisions.set(permissions, byCoordinate);
  }
  let bySchool = byCoordinate.get(coordinate);
  if (!bySchool) {
    bySchool = new Map();
    byCoordinate.set(coordinate, bySchool);
  }
  let access = bySchool.get(schoolCode);
  if (!access) {
    access = accessForRecord(permissions, coordinate, schoolCode);
    bySchool.set(schoolCode, access);
  }
  return access;
}
