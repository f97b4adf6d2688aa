import type { Objection, ObjectionRecordType } from '../../policies/objections';
import type { ServedRecord } from '../../platform/cross-part-types';

/**
 * 校核纠错: while an objection to a record is open, every response that
 * serves the record says so (issue 7, item 5). The flag rides in the
 * response's `extensions.disputes`, added by the gateway from the records the
 * subgraphs report serving, so no client can leave it out by not selecting a
 * field, and no subgraph needs to know about objections:
 *
 *   "extensions": { "disputes": [{ "recordType": "Student", "recordId": "…",
 *     "coordinate": "Student.birthDate", "objection": "…", "status": "FILED",
 *     "filedAt": "…", "deadline": "…" }] }
 *
 * It names the field and the objection, never the reason or proposed value
 * (those may be personal data; the parties read them with Query.objection).
 */
export interface DisputeSource {
  /** The open objections on any of these records. */
  openOnRecords(records: ReadonlyArray<{ readonly type: ObjectionRecordType; readonly id: string }>): Promise<ReadonlyArray<Objection>>;
}

export interface DisputeFlag {
  readonly recordType: ObjectionRecordType;
  readonly recordId: string;
  readonly coordinate: string;
  readonly objection: string;
  readonly status: string;
  readonly filedAt: string;
  readonly deadline: string;
}

export const DISPUTES_EXTENSION = 'disputes';

/** The flags for the records a response served; no look-up at all when it served none. */
export async function disputeFlags(source: DisputeSource, records: ReadonlyArray<ServedRecord>): Promise<DisputeFlag[]> {
  if (records.length === 0) return [];
  const distinct = new Map(records.map((r) => [`${r.type}\u0000${r.id}`, { type: r.type, id: r.id }]));
  const open = await source.openOnRecords([...distinct.values()]);
  return open.map((objection) => ({
    recordType: objection.recordType,
    recordId: objection.recordId,
    coordinate: objection.coordinate,
    objection: objection.id,
    status: objection.status,
    filedAt: objection.filedAt.toISOString(),
    deadline: objection.deadline.toISOString(),
  }));
}
