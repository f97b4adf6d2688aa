import type { Pool } from 'pg';
import { inTransaction } from '../transaction';
import { recordAdminAction, type AdminAction } from './admin-actions';

/**
 * A unit's registered app (migration 020): its scope of catalog resources,
 * its declared purpose and the hash of its secret. The secret itself is shown
 * once, when it is made, and never stored.
 */
export interface AppCredential {
  readonly clientId: string;
  readonly unit: string;
  readonly name: string;
  readonly scope: ReadonlyArray<string>;
  readonly purpose: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly rotatedAt?: Date;
  readonly revokedAt?: Date;
  readonly revokeReason?: string;
}

/**
 * `recorded` is the administrator's action, written in the same transaction
 * as the change; a change made by the pool's own setup or a test has none.
 */
export interface AppCredentialsRepository {
  register(app: Omit<AppCredential, 'rotatedAt' | 'revokedAt' | 'revokeReason'> & { readonly secretHash: string }, recorded?: AdminAction): Promise<AppCredential>;
  /** The app and its secret hash, for the token endpoint; revoked apps included (the caller refuses them). */
  forClientAuthentication(clientId: string): Promise<{ app: AppCredential; secretHash: string } | undefined>;
  ofUnit(unit: string): Promise<AppCredential[]>;
  /** Replaces the secret; false when the app is unknown, of another unit or revoked. */
  rotate(clientId: string, unit: string, secretHash: string, at: Date, recorded?: AdminAction): Promise<boolean>;
  /** Revokes the app for good; false when unknown, of another unit or already revoked. */
  revoke(clientId: string, unit: string, revokedBy: string, at: Date, reason?: string, recorded?: AdminAction): Promise<boolean>;
}

interface AppRow {
  client_id: string;
  unit: string;
  name: string;
  scope: string[];
  purpose: string;
  secret_hash: string;
  created_by: string;
  created_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

function readApp(row: AppRow): AppCredential {
  return {
    clientId: row.client_id,
    unit: row.unit,
    name: row.name,
    scope: row.scope,
    purpose: row.purpose,
    createdBy: row.created_by,
    createdAt: row.created_at,
    ...(row.rotated_at ? { rotatedAt: row.rotated_at } : {}),
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
    ...(row.revoke_reason ? { revokeReason: row.revoke_reason } : {}),
  };
}

export function appCredentialsRepository(pool: Pool): AppCredentialsRepository {
  return {
    register: (app, recorded) => inTransaction(pool, async (client) => {
      const { rows } = await client.query<AppRow>(
        `INSERT INTO app_credentials (client_id, unit, name, scope, purpose, secret_hash, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [app.clientId, app.unit, app.name, [...app.scope], app.purpose, app.secretHash, app.createdBy, app.createdAt],
      );
      if (recorded) await recordAdminAction(client, recorded);
      return readApp(rows[0]!);
    }),
    forClientAuthentication: async (clientId) => {
      const { rows } = await pool.query<AppRow>('SELECT * FROM app_credentials WHERE client_id = $1', [clientId]);
      return rows[0] ? { app: readApp(rows[0]), secretHash: rows[0].secret_hash } : undefined;
    },
    ofUnit: async (unit) => {
      const { rows } = await pool.query<AppRow>('SELECT * FROM app_credentials WHERE unit = $1 ORDER BY created_at, client_id', [unit]);
      return rows.map(readApp);
    },
    rotate: (clientId, unit, secretHash, at, recorded) => inTransaction(pool, async (client) => {
      const result = await client.query(
        'UPDATE app_credentials SET secret_hash = $3, rotated_at = $4 WHERE client_id = $1 AND unit = $2 AND revoked_at IS NULL',
        [clientId, unit, secretHash, at],
      );
      if (result.rowCount !== 1) return false;
      if (recorded) await recordAdminAction(client, recorded);
      return true;
    }),
    revoke: (clientId, unit, revokedBy, at, reason, recorded) => inTransaction(pool, async (client) => {
      const result = await client.query(
        'UPDATE app_credentials SET revoked_at = $4, revoked_by = $3, revoke_reason = $5 WHERE client_id = $1 AND unit = $2 AND revoked_at IS NULL',
        [clientId, unit, revokedBy, at, reason ?? null],
      );
      if (result.rowCount !== 1) return false;
      if (recorded) await recordAdminAction(client, recorded);
      return true;
    }),
  };
}
