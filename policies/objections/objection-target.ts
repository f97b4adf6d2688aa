import type { Catalog, CatalogResource } from '../catalog';
import { parseCoordinate } from '../coordinates';
import { responseDeadline, type WorkingCalendar } from '../deadlines';
import { errors } from '../errors';
import { ok, refused, type Outcome } from '../share-workflow/types';
import type { ObjectionRecordType } from './types';

/** What a field objection is about, worked out from its coordinate. */
export interface ObjectionTarget {
  readonly recordType: ObjectionRecordType;
  readonly coordinate: string;
  readonly resource: CatalogResource;
}

/** A guardian is part of its student's record (it is audited and served under the student). */
const recordTypes: Readonly<Record<string, ObjectionRecordType>> = { Student: 'Student', Guardian: 'Student', Teacher: 'Teacher' };

/**
 * The record type and catalog resource of the disputed field: a coordinate
 * of a personal record (Student, Guardian, Teacher) in a shareable resource.
 * A relation (`Student.school`) or a NOT_SHARED field, which no one received
 * through the pool, cannot be objected to. Refusals are BAD_USER_INPUT on
 * `input.coordinate`.
 */
export function objectionTarget(coordinate: string, catalog: Catalog): Outcome<ObjectionTarget> {
  const parsed = parseCoordinate(coordinate);
  const recordType = parsed ? recordTypes[parsed.typeName] : undefined;
  const resource = catalog.resourceOf(coordinate);
  if (!parsed || !recordType || !resource) {
    return refused(errors.badUserInput('input.coordinate', `${coordinate} is not a field of a student, guardian or teacher record in the catalog (e.g. Student.birthDate).`));
  }
  if (resource.shareType === 'NOT_SHARED') {
    return refused(errors.badUserInput('input.coordinate', `${coordinate} is not shared through the pool, so it cannot have been received.`));
  }
  if (['id', 'school', 'class', 'guardians'].includes(parsed.fieldName)) {
    return refused(errors.badUserInput('input.coordinate', `${coordinate} is a key or a relation, not a value that can be corrected.`));
  }
  return ok({ recordType, coordinate, resource });
}

/** The provider's deadline: the resource's `objectionDeadline` (15 natural days unless set), counted like a share application's. */
export function objectionDeadline(filedAt: Date, resource: Pick<CatalogResource, 'objectionDeadline'>, calendar: WorkingCalendar): Date {
  return responseDeadline(filedAt, resource.objectionDeadline, calendar);
}
