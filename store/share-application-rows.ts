import type { MaskKind } from '../policies/catalog';
import type { ApplicationEvent, ApplicationStatus, DecidedConditions, ShareApplication } from '../policies/share-workflow';

/** Rows of share_applications and share_application_events as `pg` returns them, and their domain objects. */
export interface ApplicationRow {
  id: string;
  applicant: string;
  resources: string[];
  coordinates: string[];
  purpose: string;
  row_scope: string[];
  valid_until: Date;
  status: ApplicationStatus;
  submitted_at: Date;
  endorsement_deadline: Date | null;
  /** The provider's deadline (column kept from migration 001). */
  deadline: Date | null;
  endorser: string | null;
  provider: string;
  catalog_version: string;
  decided_at: Date | null;
}

export interface EventRow {
  application_id: string;
  seq: number;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  actor_unit: string;
  actor_token: string | null;
  actor_person: string | null;
  at: Date;
  reason: string | null;
  /** DecidedConditions as stored: jsonb, so the date is a string. */
  conditions: (Omit<DecidedConditions, 'validUntil'> & { validUntil: string }) | null;
}

export function readApplication(row: ApplicationRow): ShareApplication {
  return {
    id: row.id,
    applicant: row.applicant,
    resources: row.resources,
    coordinates: row.coordinates,
    purpose: row.purpose,
    rowScope: row.row_scope,
    validUntil: row.valid_until,
    status: row.status,
    submittedAt: row.submitted_at,
    endorsementDeadline: row.endorsement_deadline,
    decisionDeadline: row.deadline,
    endorser: row.endorser,
    provider: row.provider,
    catalogVersion: row.catalog_version,
    decidedAt: row.decided_at,
  };
}

export function readEvent(row: EventRow): ApplicationEvent {
  const conditions = row.conditions && {
    coordinates: row.conditions.coordinates,
    rowScope: row.conditions.rowScope,
    masks: row.conditions.masks as Record<string, MaskKind[]>,
    purpose: row.conditions.purpose,
    validUntil: new Date(row.conditions.validUntil),
  };
  return {
    applicationId: row.application_id,
    seq: row.seq,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actorUnit: row.actor_unit,
    actorToken: row.actor_token,
    actorPerson: row.actor_person,
    at: row.at,
    reason: row.reason,
    conditions,
  };
}
