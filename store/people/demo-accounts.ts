import type { Pool } from 'pg';
import type { PersonRole } from '../../policies/people';
import type { Unit, UnitType } from '../../policies/units';
import { inTransaction } from '../transaction';

/**
 * The embedded default's people: for every unit, one account per job the
 * Measures give that kind of unit, named `<unit code>.<job>`, all with the
 * demo password (README "Demo units, accounts and tokens"). Tianhe's bureau
 * also has `440106.guest`, a person with no role, who can look but not act.
 */
const jobsOf: Readonly<Record<UnitType, ReadonlyArray<readonly [string, string, PersonRole | undefined]>>> = {
  CITY_BUREAU: [
    ['clerk', '经办人', 'APPLICANT'], ['review', '审核人', 'ENDORSER'], ['data', '数据管理员', 'DATA_OFFICER'],
    ['supervisor', '监督员', 'SUPERVISOR'], ['auditor', '审计员', 'AUDITOR'], ['admin', '应用管理员', 'APP_ADMIN'],
  ],
  DISTRICT_BUREAU: [['clerk', '经办人', 'APPLICANT'], ['review', '审核人', 'ENDORSER'], ['data', '数据管理员', 'DATA_OFFICER'], ['admin', '应用管理员', 'APP_ADMIN']],
  SCHOOL: [['clerk', '经办人', 'APPLICANT'], ['admin', '应用管理员', 'APP_ADMIN']],
  SUPPORT_AGENCY: [['clerk', '经办人', 'APPLICANT'], ['admin', '应用管理员', 'APP_ADMIN']],
  PARTNER_DEPARTMENT: [['clerk', '经办人', 'APPLICANT'], ['admin', '应用管理员', 'APP_ADMIN']],
};

export interface DemoAccount {
  readonly login: string;
  readonly unit: string;
  readonly displayName: string;
  readonly role?: PersonRole;
}

export function demoAccountsOf(units: ReadonlyArray<Unit>): DemoAccount[] {
  const accounts = units.flatMap((unit) => jobsOf[unit.type].map(([job, title, role]) => ({
    login: `${unit.code}.${job}`, unit: unit.code, displayName: `${unit.name}${title}`, ...(role ? { role } : {}),
  })));
  const tianhe = units.find((unit) => unit.code === '440106');
  if (tianhe) accounts.push({ login: '440106.guest', unit: tianhe.code, displayName: `${tianhe.name}访客` });
  return accounts;
}

/**
 * Adds the demo accounts that are missing, all with one password hash, in one
 * transaction; existing accounts (and roles an administrator changed) stay.
 */
export async function seedDemoAccounts(pool: Pool, accounts: ReadonlyArray<DemoAccount>, passwordHash: string, at: Date): Promise<number> {
  return inTransaction(pool, async (client) => {
    const inserted = await client.query(
      `INSERT INTO accounts (id, unit, login, display_name, password_hash, created_at)
       SELECT gen_random_uuid(), a.unit, a.login, a.display_name, $4, $5
       FROM unnest($1::text[], $2::text[], $3::text[]) AS a(login, unit, display_name)
       ON CONFLICT (login) DO NOTHING RETURNING login`,
      [accounts.map((a) => a.login), accounts.map((a) => a.unit), accounts.map((a) => a.displayName), passwordHash, at],
    );
    const fresh = new Set(inserted.rows.map((row: { login: string }) => row.login));
    const roles = accounts.filter((a) => a.role && fresh.has(a.login));
    if (roles.length > 0) {
      await client.query(
        `INSERT INTO account_roles (account_id, role, granted_by, granted_at)
         SELECT a.id, r.role, 'demo-setup', $3 FROM unnest($1::text[], $2::text[]) AS r(login, role) JOIN accounts a ON a.login = r.login`,
        [roles.map((a) => a.login), roles.map((a) => a.role!), at],
      );
    }
    return fresh.size;
  });
}
