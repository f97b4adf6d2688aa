import type { Pool } from 'pg';

/**
 * Figures for the city bureau's data office (Measures 第八章, 第二十三条至第二十五条:
 * supervision). Read straight from the governance store with SQL: the share
 * applications and grants of migration 001, the audit trail of 002.
 */
export interface UnitRef {
  readonly code: string;
  readonly name: string | null;
}

export interface ShareApplicationSummary {
  readonly id: string;
  readonly applicant: UnitRef;
  readonly provider: UnitRef;
  /** Whose turn it is: the endorser while an endorsement is due, then the provider. */
  readonly awaiting: UnitRef;
  readonly status: string;
  readonly resources: string[];
  readonly submittedAt: Date;
  readonly deadline: Date;
}

export interface SupervisionFigures {
  readonly pendingApplications: number;
  readonly overdueApplications: ShareApplicationSummary[];
  readonly applicationsByStatus: Array<{ status: string; count: number }>;
  readonly grantsActive: number;
  readonly grantsRevoked: number;
  readonly auditEntries: number;
}

const PENDING = `status IN ('SUBMITTED', 'ENDORSED')`;

/** Every figure as of `now` (the pool's clock, so a test can move past deadlines). */
export async function querySupervision(pool: Pool, now: Date): Promise<SupervisionFigures> {
  const [byStatus, overdue, grants, audit] = await Promise.all([
    pool.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM share_applications GROUP BY status ORDER BY status'),
    pool.query<OverdueRow>(
      // 第十五条: a conditional application the provider has not answered within its deadline is overdue.
      `SELECT a.id, a.status, a.resources, a.submitted_at, a.deadline,
              a.applicant, ua.name AS applicant_name, a.provider, up.name AS provider_name,
              a.endorser, ue.name AS endorser_name
       FROM share_applications a
       LEFT JOIN units ua ON ua.code = a.applicant
       LEFT JOIN units up ON up.code = a.provider
       LEFT JOIN units ue ON ue.code = a.endorser
       WHERE ${PENDING} AND a.deadline < $1
       ORDER BY a.deadline, a.id`,
      [now],
    ),
    pool.query<{ active: string; revoked: string }>(
      `SELECT count(*) FILTER (WHERE revoked_at IS NULL AND valid_from <= $1 AND valid_until > $1) AS active,
              count(*) FILTER (WHERE revoked_at IS NOT NULL) AS revoked
       FROM grants`,
      [now],
    ),
    pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_entries'),
  ]);
  const applicationsByStatus = byStatus.rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  return {
    pendingApplications: applicationsByStatus
      .filter((s) => s.status === 'SUBMITTED' || s.status === 'ENDORSED')
      .reduce((sum, s) => sum + s.count, 0),
    overdueApplications: overdue.rows.map(toSummary),
    applicationsByStatus,
    grantsActive: Number(grants.rows[0]!.active),
    grantsRevoked: Number(grants.rows[0]!.revoked),
    auditEntries: Number(audit.rows[0]!.n),
  };
}

interface OverdueRow {
  id: string; status: string; resources: string[]; submitted_at: Date; deadline: Date;
  applicant: string; applicant_name: string | null; provider: string; provider_name: string | null;
  endorser: string | null; endorser_name: string | null;
}

function toSummary(row: OverdueRow): ShareApplicationSummary {
  const provider = { code: row.provider, name: row.provider_name };
  const endorsementDue = row.status === 'SUBMITTED' && row.endorser !== null;
  return {
    id: row.id,
    applicant: { code: row.applicant, name: row.applicant_name },
    provider,
    awaiting: endorsementDue ? { code: row.endorser!, name: row.endorser_name } : provider,
    status: row.status,
    resources: row.resources,
    submittedAt: row.submitted_at,
    deadline: row.deadline,
  };
}
