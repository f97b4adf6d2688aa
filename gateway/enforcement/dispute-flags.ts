import DataLoader from 'dataloader';
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
  /** The open objections on any of these records, by record type and id, then as filed. */
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

/** Records asked in one statement at most: a batch of 500-row pages is split, never refused. */
const RECORDS_PER_LOOK_UP = 5_000;

/**
 * One look-up for the records of every response that asks in the same turn
 * of the event loop. The audit's group commit resolves a whole batch of
 * responses at once, and each asks right after, so under load a batch's
 * look-ups become one statement instead of one each: planning it costs
 * PostgreSQL more than running it. Nothing is cached: every response still
 * reads the objections as they stand after its own audit commit, and a failed
 * look-up fails every response that waited on it.
 */
export function batchedDisputeSource(source: DisputeSource): DisputeSource {
  const recordKey = (type: ObjectionRecordType, id: string) => `${type}\u0000${id}`;
  const loader = new DataLoader<string, ReadonlyArray<Objection>>(async (keys) => {
    const distinct = [...new Set(keys)];
    // The type never holds a NUL, so the first one ends it, whatever the id holds.
    const open = await source.openOnRecords(distinct.map((key) => {
      const end = key.indexOf('\u0000');
      return { type: key.slice(0, end) as ObjectionRecordType, id: key.slice(end + 1) };
    }));
    const byRecord = new Map<string, Objection[]>(distinct.map((key) => [key, []]));
    for (const objection of open) byRecord.get(recordKey(objection.recordType, objection.recordId))?.push(objection);
    return keys.map((key) => byRecord.get(key)!);
  }, { cache: false, maxBatchSize: RECORDS_PER_LOOK_UP });
  return {
    // In the order of the source's answer: by record type and id, then as filed.
    openOnRecords: async (records) => (await Promise.all(records.map((r) => recordKey(r.type, r.id)).sort().map((key) => loader.load(key)))).flat(),
  };
}
