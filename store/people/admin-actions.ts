import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

/**
 * The record of what a unit's app administrator did (migration 025): written
 * by the repositories in the transaction of the change itself, so a change
 * is never without its record nor a record without its change.
 */
export type AdminActionKind = 'REGISTER_APP' | 'ROTATE_APP_SECRET' | 'REVOKE_APP' | 'SET_ACCOUNT_ROLES';

export interface AdminAction {
  readonly unit: string;
  /** The acting person's account id. */
  readonly person: string;
  readonly requestId: string;
  readonly action: AdminActionKind;
  /** The app's client id, or the account whose roles were set. */
  readonly subject: string;
  /** What changed (scope, purpose, roles before and after, reason); never a secret. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

export async function recordAdminAction(client: PoolClient, action: AdminAction): Promise<void> {
  await client.query(
    `INSERT INTO admin_actions (id, at, unit, person, request_id, action, subject, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [randomUUID(), action.at, action.unit, action.person, action.requestId, action.action, action.subject, JSON.stringify(action.details)],
  );
}

/** A unit's administration, newest first. */
export async function adminActionsOf(pool: Pool, unit: string, limit: number): Promise<AdminAction[]> {
  const { rows } = await pool.query<{
    at: Date; unit: string; person: string; request_id: string; action: AdminActionKind; subject: string; details: Record<string, unknown>;
  }>('SELECT at, unit, person, request_id, action, subject, details FROM admin_actions WHERE unit = $1 ORDER BY at DESC, id LIMIT $2', [unit, limit]);
  return rows.map((row) => ({
    unit: row.unit, person: row.person, requestId: row.request_id, action: row.action, subject: row.subject, details: row.details, at: row.at,
  }));
}
