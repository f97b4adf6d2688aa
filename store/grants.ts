import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { MaskKind } from '../policies/catalog';
import type { Grant } from '../policies/permissions/types';
import type { GrantDraft } from '../policies/share-workflow';
import type { Clock } from '../platform/clock';
import { inTransaction } from './transaction';

/** A grant with what the store keeps besides its conditions: who provided it, its revocation, its version. */
export interface GrantRecord extends Grant {
  readonly provider: string;
  /** The unit that ended the grant: its provider or the city bureau (revoked), or its grantee (given up). */
  readonly revokedBy?: string;
  readonly revokeReason?: string;
  /** The signed-in person who ended it, if one did. */
  readonly revokedByPerson?: string;
  /** Ended by its grantee (放弃授权) rather than revoked. */
  readonly givenUp: boolean;
  /** 1 when made; each change (a revocation) adds one. */
  readonly version: number;
}

export interface GrantFilter {
  readonly grantee?: string;
  readonly provider?: string;
  /** Grants the unit holds or provided. */
  readonly involving?: string;
  readonly applicationIds?: ReadonlyArray<string>;
  /** true: usable at `at` (not revoked, started, not expired); false: not usable then. */
  readonly active?: { readonly at: Date; readonly is: boolean };
  readonly limit?: number;
}

/** How long after its end a grant is still named in refusals; older ones read as never granted. */
export const EXPIRED_GRANT_NOTICE_DAYS = 90;

export interface GrantsRepository {
  /**
   * The unit's grants that are not revoked and not expired at `now` (including
   * any that start later: the permission policy checks validity itself).
   */
  activeFor(unit: string, now: Date): Promise<GrantRecord[]>;
  /**
   * What the gateway works permissions out from: `activeFor`, plus the
   * unit's unrevoked grants that expired in the last EXPIRED_GRANT_NOTICE_DAYS,
   * so a read under one is refused saying when it expired instead of
   * finding nothing (policies' `sortGrants` keeps them apart).
   */
  forPermissions(unit: string, now: Date): Promise<GrantRecord[]>;
  /** Grows with every grant made or revoked; the gateway polls it to drop cached permissions. */
  changeMark(): Promise<number>;
  list(filter: GrantFilter): Promise<GrantRecord[]>;
  get(id: string): Promise<GrantRecord | undefined>;
  /**
   * Ends a grant — revoked, or given up by its grantee — in one transaction
   * with the grant row locked: `check` sees the current grant (undefined: no
   * such grant) and throws to refuse (nothing is written then).
   */
  revoke(id: string, end: GrantEnd, check: (grant: GrantRecord | undefined) => void): Promise<GrantRecord>;
}

/** Who ends a grant and why. */
export interface GrantEnd {
  readonly by: string;
  readonly reason: string | null;
  readonly person: string | null;
  /** The grantee gives it up (放弃) rather than the provider revoking it. */
  readonly givenUp: boolean;
}

const COLUMNS = `id, application_id, grantee, provider, resource, coordinates, row_scope, masks, purpose,
  valid_from, valid_until, revoked_at, revoked_by, revoke_reason, revoked_by_person, given_up, version`;

export function grantsRepository(pool: Pool, clock: Clock): GrantsRepository {
  const list = async (filter: GrantFilter): Promise<GrantRecord[]> => {
    const params: unknown[] = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (filter.grantee !== undefined) where.push(`grantee = ${add(filter.grantee)}`);
    if (filter.provider !== undefined) where.push(`provider = ${add(filter.provider)}`);
    if (filter.involving !== undefined) {
      const unit = add(filter.involving);
      where.push(`(grantee = ${unit} OR provider = ${unit})`);
    }
    if (filter.applicationIds !== undefined) where.push(`application_id = ANY(${add(filter.applicationIds)}::text[])`);
    if (filter.active !== undefined) {
      const at = add(filter.active.at);
      const usable = `(revoked_at IS NULL AND valid_from <= ${at} AND valid_until > ${at})`;
      where.push(filter.active.is ? usable : `NOT ${usable}`);
    }
    const limit = filter.limit === undefined ? '' : ` LIMIT ${add(filter.limit)}`;
    const sql = `SELECT ${COLUMNS} FROM grants${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY valid_from DESC, id${limit}`;
    return (await pool.query<GrantRow>(sql, params)).rows.map(readGrant);
  };

  return {
    activeFor: async (unit, now) => {
      const { rows } = await pool.query<GrantRow>(
        `SELECT ${COLUMNS} FROM grants WHERE grantee = $1 AND revoked_at IS NULL AND valid_until > $2 ORDER BY id`, [unit, now],
      );
      return rows.map(readGrant);
    },
    forPermissions: async (unit, now) => {
      const since = new Date(now.getTime() - EXPIRED_GRANT_NOTICE_DAYS * 86_400_000);
      const { rows } = await pool.query<GrantRow>(
        `SELECT ${COLUMNS} FROM grants WHERE grantee = $1 AND revoked_at IS NULL AND valid_until > $2 ORDER BY id`, [unit, since],
      );
      return rows.map(readGrant);
    },
    changeMark: async () => {
      const { rows } = await pool.query<{ mark: string }>('SELECT coalesce(max(id), 0)::text AS mark FROM grant_changes');
      return Number(rows[0]?.mark ?? 0);
    },
    list,
    get: async (id) => (await pool.query<GrantRow>(`SELECT ${COLUMNS} FROM grants WHERE id = $1`, [id])).rows.map(readGrant)[0],
    revoke: (id, end, check) => inTransaction(pool, async (client) => {
      const { rows } = await client.query<GrantRow>(`SELECT ${COLUMNS} FROM grants WHERE id = $1 FOR UPDATE`, [id]);
      const current = rows[0] && readGrant(rows[0]);
      check(current);
      if (!current) throw new Error(`grant ${id} does not exist, and the check did not refuse`);
      const at = clock.now();
      const updated = await client.query<GrantRow>(
        `UPDATE grants SET revoked_at = $2, revoked_by = $3, revoke_reason = $4, revoked_by_person = $5, given_up = $6, version = version + 1
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, at, end.by, end.reason, end.person, end.givenUp],
      );
      await client.query('INSERT INTO grant_changes (grant_id, kind, at) VALUES ($1, $2, $3)', [id, end.givenUp ? 'GIVEN_UP' : 'REVOKED', at]);
      return readGrant(updated.rows[0]!);
    }),
  };
}

/** Inserts the grants of one approval, on the decision's transaction, and records the change for the gateway. */
export async function insertGrants(
  client: PoolClient, application: { id: string; applicant: string; provider: string }, validFrom: Date, drafts: ReadonlyArray<GrantDraft>,
): Promise<void> {
  for (const draft of drafts) {
    const id = randomUUID();
    await client.query(
      `INSERT INTO grants (id, application_id, grantee, provider, resource, coordinates, row_scope, masks, purpose, valid_from, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)`,
      [id, application.id, application.applicant, application.provider, draft.resource, draft.coordinates, draft.rowScope,
        JSON.stringify(draft.masks), draft.purpose, validFrom, draft.validUntil],
    );
    await client.query(`INSERT INTO grant_changes (grant_id, kind, at) VALUES ($1, 'GRANTED', $2)`, [id, validFrom]);
  }
}

interface GrantRow {
  id: string;
  application_id: string;
  grantee: string;
  provider: string;
  resource: string;
  coordinates: string[];
  row_scope: string[];
  masks: Record<string, MaskKind[]>;
  purpose: string;
  valid_from: Date;
  valid_until: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  revoked_by_person: string | null;
  given_up: boolean;
  version: number;
}

function readGrant(row: GrantRow): GrantRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    grantee: row.grantee,
    provider: row.provider,
    resource: row.resource,
    coordinates: row.coordinates,
    rowScope: row.row_scope,
    masks: row.masks,
    purpose: row.purpose,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    ...(row.revoked_by === null ? {} : { revokedBy: row.revoked_by }),
    ...(row.revoke_reason === null ? {} : { revokeReason: row.revoke_reason }),
    ...(row.revoked_by_person === null ? {} : { revokedByPerson: row.revoked_by_person }),
    givenUp: row.given_up,
    version: row.version,
  };
}
