import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { PersonRole, SignInState } from '../../policies/people';
import { inTransaction } from '../transaction';
import { recordAdminAction, type AdminAction } from './admin-actions';

/** A person acting for a unit (migration 020). */
export interface Account {
  readonly id: string;
  readonly unit: string;
  readonly login: string;
  readonly displayName: string;
  readonly roles: ReadonlyArray<PersonRole>;
  readonly signIn: SignInState;
  readonly disabled: boolean;
}

export interface NewAccount {
  readonly unit: string;
  readonly login: string;
  readonly displayName: string;
  readonly passwordHash?: string;
  readonly oidc?: { readonly issuer: string; readonly subject: string };
  readonly roles: ReadonlyArray<PersonRole>;
  readonly grantedBy: string;
}

export interface AccountsRepository {
  /** Creates the account unless its login exists; returns the account either way. */
  ensure(account: NewAccount, at: Date): Promise<Account>;
  byId(id: string): Promise<Account | undefined>;
  /** The account and its password hash, for sign-in only. */
  forSignIn(login: string): Promise<{ account: Account; passwordHash: string | null } | undefined>;
  byOidcSubject(issuer: string, subject: string): Promise<Account | undefined>;
  /**
   * Creates the account of a person the identity platform vouches for, unless
   * one exists for (issuer, subject); returns that account either way (two
   * first sign-ins at once make one account). Undefined when the login is
   * taken by another account.
   */
  provisionOidc(account: NewAccount & { readonly oidc: { readonly issuer: string; readonly subject: string } }, at: Date): Promise<Account | undefined>;
  recordSignIn(id: string, next: SignInState): Promise<void>;
  ofUnit(unit: string): Promise<Account[]>;
  /** Display names of the accounts that exist among `ids` (the history names who acted). */
  namesOf(ids: ReadonlyArray<string>): Promise<Map<string, string>>;
  /** Makes the account's roles exactly `roles`, recording who granted the new ones (and the administrator's action, when given). */
  setRoles(id: string, roles: ReadonlyArray<PersonRole>, grantedBy: string, at: Date, recorded?: AdminAction): Promise<Account>;
}

interface AccountRow {
  id: string;
  unit: string;
  login: string;
  display_name: string;
  password_hash: string | null;
  failed_attempts: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  roles: PersonRole[] | null;
}

const SELECT_ACCOUNT = `
  SELECT a.id, a.unit, a.login, a.display_name, a.password_hash, a.failed_attempts, a.locked_until, a.disabled_at,
         (SELECT array_agg(r.role ORDER BY r.role) FROM account_roles r WHERE r.account_id = a.id) AS roles
  FROM accounts a`;

function readAccount(row: AccountRow): Account {
  return {
    id: row.id,
    unit: row.unit,
    login: row.login,
    displayName: row.display_name,
    roles: row.roles ?? [],
    signIn: { failedAttempts: row.failed_attempts, ...(row.locked_until ? { lockedUntil: row.locked_until } : {}) },
    disabled: row.disabled_at !== null,
  };
}

export function accountsRepository(pool: Pool): AccountsRepository {
  const one = async (where: string, params: unknown[]): Promise<AccountRow | undefined> => {
    const { rows } = await pool.query<AccountRow>(`${SELECT_ACCOUNT} WHERE ${where}`, params);
    return rows[0];
  };
  const byId = async (id: string) => {
    if (!UUID.test(id)) return undefined;
    const row = await one('a.id = $1', [id]);
    return row ? readAccount(row) : undefined;
  };
  return {
    ensure: (account, at) => inTransaction(pool, async (client) => {
      const id = randomUUID();
      const inserted = await client.query(
        `INSERT INTO accounts (id, unit, login, display_name, password_hash, oidc_issuer, oidc_subject, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (login) DO NOTHING`,
        [id, account.unit, account.login, account.displayName, account.passwordHash ?? null,
          account.oidc?.issuer ?? null, account.oidc?.subject ?? null, at],
      );
      if (inserted.rowCount === 1 && account.roles.length > 0) {
        await client.query(
          `INSERT INTO account_roles (account_id, role, granted_by, granted_at) SELECT $1, unnest($2::text[]), $3, $4`,
          [id, account.roles, account.grantedBy, at],
        );
      }
      const { rows } = await client.query<AccountRow>(`${SELECT_ACCOUNT} WHERE a.login = $1`, [account.login]);
      return readAccount(rows[0]!);
    }),
    byId,
    forSignIn: async (login) => {
      const row = await one('a.login = $1', [login]);
      return row ? { account: readAccount(row), passwordHash: row.password_hash } : undefined;
    },
    byOidcSubject: async (issuer, subject) => {
      const row = await one('a.oidc_issuer = $1 AND a.oidc_subject = $2', [issuer, subject]);
      return row ? readAccount(row) : undefined;
    },
    provisionOidc: async (account, at) => {
      await inTransaction(pool, async (client) => {
        const id = randomUUID();
        const inserted = await client.query(
          `INSERT INTO accounts (id, unit, login, display_name, oidc_issuer, oidc_subject, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [id, account.unit, account.login, account.displayName, account.oidc.issuer, account.oidc.subject, at],
        );
        if (inserted.rowCount === 1 && account.roles.length > 0) {
          await client.query(
            `INSERT INTO account_roles (account_id, role, granted_by, granted_at) SELECT $1, unnest($2::text[]), $3, $4`,
            [id, account.roles, account.grantedBy, at],
          );
        }
      });
      const row = await one('a.oidc_issuer = $1 AND a.oidc_subject = $2', [account.oidc.issuer, account.oidc.subject]);
      return row ? readAccount(row) : undefined;
    },
    recordSignIn: async (id, next) => {
      await pool.query('UPDATE accounts SET failed_attempts = $2, locked_until = $3 WHERE id = $1', [id, next.failedAttempts, next.lockedUntil ?? null]);
    },
    ofUnit: async (unit) => {
      const { rows } = await pool.query<AccountRow>(`${SELECT_ACCOUNT} WHERE a.unit = $1 ORDER BY a.login`, [unit]);
      return rows.map(readAccount);
    },
    setRoles: async (id, roles, grantedBy, at, recorded) => {
      await inTransaction(pool, async (client) => {
        await client.query('DELETE FROM account_roles WHERE account_id = $1 AND NOT (role = ANY($2::text[]))', [id, roles]);
        await client.query(
          `INSERT INTO account_roles (account_id, role, granted_by, granted_at) SELECT $1, unnest($2::text[]), $3, $4
           ON CONFLICT (account_id, role) DO NOTHING`,
          [id, roles, grantedBy, at],
        );
        if (recorded) await recordAdminAction(client, recorded);
      });
      const account = await byId(id);
      if (!account) throw new Error(`account ${id} does not exist`);
      return account;
    },
    namesOf: async (ids) => {
      // Ids come from sealed contexts and history rows; only well-formed uuids can match the uuid column.
      const wellFormed = ids.filter((id) => UUID.test(id));
      if (wellFormed.length === 0) return new Map();
      const { rows } = await pool.query<{ id: string; display_name: string }>(
        'SELECT id, display_name FROM accounts WHERE id = ANY($1::uuid[])', [wellFormed],
      );
      return new Map(rows.map((row) => [row.id, row.display_name]));
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
