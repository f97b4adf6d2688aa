/**
 * Objections and corrections (校核纠错, Measures 第五章: the providing unit
 * answers for the accuracy of the data it shares). A unit that received a
 * record may object to one field of it; the providing unit verifies and
 * answers within the catalog's deadline; until then every consumer of the
 * record is told the field is disputed.
 */
export type ObjectionStatus = 'FILED' | 'VERIFYING' | 'CORRECTED' | 'REJECTED' | 'WITHDRAWN';

export const objectionStatuses: ReadonlyArray<ObjectionStatus> = Object.freeze(['FILED', 'VERIFYING', 'CORRECTED', 'REJECTED', 'WITHDRAWN']);

/** Open: the record is disputed and the provider owes an answer. */
export const openObjectionStatuses: ReadonlyArray<ObjectionStatus> = Object.freeze(['FILED', 'VERIFYING']);

/** The personal records objections are filed on (the ones the audit trail records as received). */
export type ObjectionRecordType = 'Student' | 'Teacher';

export interface Objection {
  readonly id: string;
  readonly recordType: ObjectionRecordType;
  readonly recordId: string;
  /** The disputed field, as its schema coordinate (`Student.birthDate`). */
  readonly coordinate: string;
  readonly resource: string;
  readonly filedBy: string;
  /** The providing unit named in the catalog, which must answer. */
  readonly provider: string;
  readonly reason: string;
  readonly proposedValue: string | null;
  readonly status: ObjectionStatus;
  readonly filedAt: Date;
  readonly deadline: Date;
  readonly closedAt: Date | null;
  readonly catalogVersion: string;
}

/** One step of an objection's history; the first (seq 1) is the filing, from null. */
export interface ObjectionEvent {
  readonly seq: number;
  readonly fromStatus: ObjectionStatus | null;
  readonly toStatus: ObjectionStatus;
  readonly actorUnit: string;
  /** The token the actor used (its jti). */
  readonly actorToken: string | null;
  readonly at: Date;
  readonly reason: string | null;
}
