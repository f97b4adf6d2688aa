import type { Objection, ObjectionEvent, ObjectionRecordType, ObjectionStatus } from '../../policies/objections';

/** Rows of objections and objection_events as `pg` returns them, and their domain objects. */
export const OBJECTION_COLUMNS = `id, record_type, record_id, coordinate, resource, filed_by, provider, reason, proposed_value,
  status, filed_at, deadline, closed_at, catalog_version`;

export interface ObjectionRow {
  id: string;
  record_type: ObjectionRecordType;
  record_id: string;
  coordinate: string;
  resource: string;
  filed_by: string;
  provider: string;
  reason: string;
  proposed_value: string | null;
  status: ObjectionStatus;
  filed_at: Date;
  deadline: Date;
  closed_at: Date | null;
  catalog_version: string;
}

export interface ObjectionEventRow {
  objection_id: string;
  seq: number;
  from_status: ObjectionStatus | null;
  to_status: ObjectionStatus;
  actor_unit: string;
  actor_token: string | null;
  at: Date;
  reason: string | null;
}

export function readObjection(row: ObjectionRow): Objection {
  return {
    id: row.id,
    recordType: row.record_type,
    recordId: row.record_id,
    coordinate: row.coordinate,
    resource: row.resource,
    filedBy: row.filed_by,
    provider: row.provider,
    reason: row.reason,
    proposedValue: row.proposed_value,
    status: row.status,
    filedAt: row.filed_at,
    deadline: row.deadline,
    closedAt: row.closed_at,
    catalogVersion: row.catalog_version,
  };
}

export function readObjectionEvent(row: ObjectionEventRow): ObjectionEvent {
  return {
    seq: row.seq,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actorUnit: row.actor_unit,
    actorToken: row.actor_token,
    at: row.at,
    reason: row.reason,
  };
}
