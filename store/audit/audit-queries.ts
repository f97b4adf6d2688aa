import type { Pool } from 'pg';
import type { AuditRecordType } from './audit-entry';

/** A stored audit entry as the supervision queries show it. */
export interface AuditEntry {
  readonly seq: string;
  readonly id: string;
  readonly at: Date;
  readonly requestId: string;
  readonly unit: { readonly code: string; readonly name: string | null };
  readonly tokenId: string;
  readonly purpose: string | null;
  /** The signed-in person's account id, when a console session asked. */
  readonly person: string | null;
  /** The registered app's client id, when an app's token asked. */
  readonly client: string | null;
  readonly operationHash: string;
  readonly operationName: string | null;
  readonly served: string[];
  readonly refused: Array<{ coordinate: string; code: string }>;
  readonly recordCounts: Record<string, number>;
  readonly grantIds: string[];
  readonly hash: string;
}

export interface AuditTrailFilter {
  readonly unit?: string;
  /** Inclusive. */
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
  /** Entries that served or refused this coordinate. */
  readonly coordinate?: string;
}

/**
 * Newest first, by seq (the chain's order). `afterSeq` is the keyset cursor:
 * the page continues below it. Fetches `first + 1` so the caller can tell
 * whether there is a next page.
 */
export async function queryAuditTrail(
  pool: Pool, filter: AuditTrailFilter, first: number, afterSeq?: string,
): Promise<AuditEntry[]> {
  const { where, params } = trailWhere(filter);
  if (afterSeq !== undefined) {
    params.push(afterSeq);
    where.push(`e.seq < $${params.length}`);
  }
  params.push(first + 1);
  const { rows } = await pool.query(
    `SELECT e.*, u.name AS unit_name FROM audit_entries e LEFT JOIN units u ON u.code = e.unit
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.seq DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toAuditEntry);
}

export async function countAuditTrail(pool: Pool, filter: AuditTrailFilter): Promise<number> {
  const { where, params } = trailWhere(filter);
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM audit_entries e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params,
  );
  return Number(rows[0]!.n);
}

function trailWhere(filter: AuditTrailFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown): void => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.unit !== undefined) add((p) => `e.unit = ${p}`, filter.unit);
  if (filter.from !== undefined) add((p) => `e.at >= ${p}`, filter.from);
  if (filter.to !== undefined) add((p) => `e.at < ${p}`, filter.to);
  if (filter.coordinate !== undefined) {
    // Both conditions can use their GIN indexes (served: array containment, refused: jsonb_path_ops).
    add((p) => `(e.served @> ARRAY[${p}::text] OR e.refused @> jsonb_build_array(jsonb_build_object('coordinate', ${p}::text)))`, filter.coordinate);
  }
  return { where, params };
}

function toAuditEntry(row: Record<string, unknown>): AuditEntry {
  return {
    seq: row.seq as string,
    id: row.id as string,
    at: row.at as Date,
    requestId: row.request_id as string,
    unit: { code: row.unit as string, name: row.unit_name as string | null },
    tokenId: row.token_id as string,
    purpose: row.purpose as string | null,
    person: row.person as string | null,
    client: row.client as string | null,
    operationHash: row.operation_hash as string,
    operationName: row.operation_name as string | null,
    served: row.served as string[],
    refused: row.refused as Array<{ coordinate: string; code: string }>,
    recordCounts: row.record_counts as Record<string, number>,
    grantIds: row.grant_ids as string[],
    hash: row.hash as string,
  };
}

/** One time a record was served: by whom, when, for what, under which grants. */
export interface RecordAccess {
  readonly at: Date;
  readonly unit: { readonly code: string; readonly name: string | null };
  readonly purpose: string | null;
  readonly grantIds: string[];
  readonly requestId: string;
}

/**
 * Who saw this record, newest first: a look-up in the GIN index on
 * audit_record_sets.record_ids (a record is in at most one set per entry and
 * type). `unit`, when given, keeps only that unit's own accesses.
 *
 * The look-up is materialised before it is sorted, so its cost follows the
 * record's own accesses (0.3 ms for one seen 80 times, 0.2 s for one seen
 * 100,000 times, on 200,000 entries). Left to itself, the planner may walk the
 * whole trail backwards by seq instead: it does when the array's statistics
 * hold no common elements (a trail where every record is seen about as often),
 * 280 ms on those 200,000 entries, growing with the trail.
 */
export async function queryRecordAccesses(
  pool: Pool, record: { type: AuditRecordType; id: string }, limit: number, unit?: string,
): Promise<RecordAccess[]> {
  const params: unknown[] = [record.type, record.id, limit];
  if (unit !== undefined) params.push(unit);
  const { rows } = await pool.query<{
    at: Date; unit: string; unit_name: string | null; purpose: string | null; grant_ids: string[]; request_id: string;
  }>(
    `WITH accesses AS MATERIALIZED (
       SELECT audit_seq, grant_ids FROM audit_record_sets WHERE record_type = $1 AND record_ids @> ARRAY[$2::text]
     )
     SELECT e.at, e.unit, u.name AS unit_name, e.purpose, a.grant_ids, e.request_id
     FROM accesses a JOIN audit_entries e ON e.seq = a.audit_seq LEFT JOIN units u ON u.code = e.unit
     ${unit !== undefined ? 'WHERE e.unit = $4' : ''}
     ORDER BY a.audit_seq DESC LIMIT $3`,
    params,
  );
  return rows.map((r) => ({
    at: r.at, unit: { code: r.unit, name: r.unit_name }, purpose: r.purpose, grantIds: r.grant_ids, requestId: r.request_id,
  }));
}
