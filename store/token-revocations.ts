import type { Pool } from 'pg';
import { MAX_TOKEN_TTL_SECONDS } from '../policies/token-revocation';

/**
 * The authoritative token denylist (migration 003): revoked jtis and per-unit
 * cut-offs, and revoked apps (app_credentials.revoked_at, migration 020): an
 * app revoked for good has every token it was issued refused, whenever it was
 * issued. The gateways read a copy in the shared hot state and come here
 * when it cannot be trusted (Redis down or emptied).
 */
export interface TokenRevocation {
  readonly jti: string;
  readonly unit: string;
  readonly revokedAt: Date;
  readonly expiresAt: Date;
  readonly revokedBy: string;
  readonly reason: string;
}

export interface UnitTokenCutoff {
  readonly unit: string;
  /** Tokens of the unit issued at or before this instant are revoked. */
  readonly revokedBefore: Date;
  readonly revokedAt: Date;
  readonly revokedBy: string;
  readonly reason: string;
}

/** A revoked app: every token carrying its client id is refused. */
export interface ClientRevocation {
  readonly clientId: string;
  readonly revokedAt: Date;
}

/** What a token must be checked against: its jti, its unit, when it was issued, and the app it was issued to. */
export interface TokenIdentity {
  readonly jti: string;
  readonly unit: string;
  readonly issuedAt: Date;
  readonly client?: string;
}

export interface TokenRevocationsRepository {
  /** Records the revocation; revoking a revoked token again keeps the first record and returns it. */
  revokeToken(revocation: TokenRevocation): Promise<TokenRevocation>;
  /** Moves the unit's cut-off forward (never back) and returns the cut-off in force. */
  revokeUnitTokens(cutoff: UnitTokenCutoff): Promise<UnitTokenCutoff>;
  isRevoked(token: TokenIdentity, now: Date): Promise<boolean>;
  /** Everything still in force at `now`: what the hot state's copy is rebuilt from. */
  inForce(now: Date): Promise<{ tokens: TokenRevocation[]; cutoffs: UnitTokenCutoff[]; clients: ClientRevocation[] }>;
  /** Changes with every revocation recorded: the gateways poll it as a backstop for lost Redis writes. */
  changeMark(): Promise<string>;
  /** Deletes token rows past their expiry; returns how many. */
  prune(now: Date): Promise<number>;
}

export function tokenRevocationsRepository(pool: Pool): TokenRevocationsRepository {
  return {
    revokeToken: async (r) => {
      await pool.query(
        `INSERT INTO revoked_tokens (jti, unit, revoked_at, expires_at, revoked_by, reason) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (jti, unit) DO NOTHING`,
        [r.jti, r.unit, r.revokedAt, r.expiresAt, r.revokedBy, r.reason],
      );
      const { rows } = await pool.query<TokenRow>('SELECT * FROM revoked_tokens WHERE jti = $1 AND unit = $2', [r.jti, r.unit]);
      return readToken(rows[0]!);
    },
    revokeUnitTokens: async (c) => {
      const { rows } = await pool.query<CutoffRow>(
        `INSERT INTO unit_token_cutoffs (unit, revoked_before, revoked_at, revoked_by, reason) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (unit) DO UPDATE SET revoked_before = excluded.revoked_before, revoked_at = excluded.revoked_at,
           revoked_by = excluded.revoked_by, reason = excluded.reason
           WHERE unit_token_cutoffs.revoked_before < excluded.revoked_before
         RETURNING *`,
        [c.unit, c.revokedBefore, c.revokedAt, c.revokedBy, c.reason],
      );
      if (rows[0]) return readCutoff(rows[0]);
      return readCutoff((await pool.query<CutoffRow>('SELECT * FROM unit_token_cutoffs WHERE unit = $1', [c.unit])).rows[0]!);
    },
    isRevoked: async (token, now) => {
      const { rows } = await pool.query<{ revoked: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $1 AND unit = $2 AND expires_at > $4)
             OR EXISTS (SELECT 1 FROM unit_token_cutoffs WHERE unit = $2 AND revoked_before >= $3)
             OR EXISTS (SELECT 1 FROM app_credentials WHERE client_id = $5 AND revoked_at IS NOT NULL) AS revoked`,
        [token.jti, token.unit, token.issuedAt, now, token.client ?? null],
      );
      return rows[0]!.revoked;
    },
    inForce: async (now) => {
      const tokens = await pool.query<TokenRow>('SELECT * FROM revoked_tokens WHERE expires_at > $1', [now]);
      const cutoffs = await pool.query<CutoffRow>('SELECT * FROM unit_token_cutoffs');
      // An app's tokens live at most the longest TTL, so an older revocation has nothing left to refuse.
      const clients = await pool.query<{ client_id: string; revoked_at: Date }>(
        `SELECT client_id, revoked_at FROM app_credentials WHERE revoked_at > $1::timestamptz - make_interval(secs => $2)`,
        [now, MAX_TOKEN_TTL_SECONDS],
      );
      return {
        tokens: tokens.rows.map(readToken),
        cutoffs: cutoffs.rows.map(readCutoff),
        clients: clients.rows.map((row) => ({ clientId: row.client_id, revokedAt: row.revoked_at })),
      };
    },
    changeMark: async () => {
      const { rows } = await pool.query<{ mark: string }>(
        `SELECT (SELECT count(*)::text || '/' || coalesce(max(revoked_at)::text, '') FROM revoked_tokens) || '/' || coalesce((SELECT max(revoked_at) FROM unit_token_cutoffs)::text, '')
           || '/' || coalesce((SELECT max(revoked_at) FROM app_credentials)::text, '') AS mark`,
      );
      return rows[0]!.mark;
    },
    prune: async (now) => (await pool.query('DELETE FROM revoked_tokens WHERE expires_at <= $1', [now])).rowCount ?? 0,
  };
}

interface TokenRow {
  jti: string; unit: string; revoked_at: Date; expires_at: Date; revoked_by: string; reason: string;
}

interface CutoffRow {
  unit: string; revoked_before: Date; revoked_at: Date; revoked_by: string; reason: string;
}

const readToken = (row: TokenRow): TokenRevocation => ({
  jti: row.jti, unit: row.unit, revokedAt: row.revoked_at, expiresAt: row.expires_at, revokedBy: row.revoked_by, reason: row.reason,
});

const readCutoff = (row: CutoffRow): UnitTokenCutoff => ({
  unit: row.unit, revokedBefore: row.revoked_before, revokedAt: row.revoked_at, revokedBy: row.revoked_by, reason: row.reason,
});
