import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { ApplicationEvent, ApplicationStatus, DecidedConditions, GrantDraft, ShareApplication } from '../policies/share-workflow';
import { insertGrants } from './grants';
import { readApplication, readEvent, type ApplicationRow, type EventRow } from './share-application-rows';
import { inTransaction } from './transaction';

/**
 * Share applications and their history (Measures 第五章: the pool records the
 * whole process). Every write is one transaction: an application is never
 * stored without its first event, and a decision's status change, event,
 * grants and grant-change rows commit together or not at all.
 */
export interface EventInput {
  readonly actorUnit: string;
  readonly actorToken: string | null;
  /** The signed-in person who acted for the unit, if any. */
  readonly actorPerson?: string | null;
  readonly reason: string | null;
  readonly conditions?: DecidedConditions | null;
}

export type NewApplication = Omit<ShareApplication, 'id' | 'status' | 'decidedAt'>;

/** A transition worked out against the application as it is when locked. */
export interface TransitionPlan {
  readonly to: ApplicationStatus;
  readonly at: Date;
  readonly event: EventInput;
  /** The grants an approval makes. */
  readonly grants?: ReadonlyArray<GrantDraft>;
  /** Stage deadlines the transition sets (a part left out stays as it is). */
  readonly deadlines?: { readonly endorsement?: Date | null; readonly decision?: Date | null };
  /** The terms a resubmission amends. */
  readonly terms?: Pick<ShareApplication, 'coordinates' | 'purpose' | 'rowScope' | 'validUntil'>;
}

export interface ApplicationFilter {
  readonly applicant?: string;
  /** The unit whose turn it is (the endorser, then the provider; the applicant when declined). */
  readonly awaiting?: string;
  /** Applicant, endorser or provider. */
  readonly involving?: string;
  readonly statuses?: ReadonlyArray<ApplicationStatus>;
  /** is: pending with its stage's deadline before `at`; is not: every other application. */
  readonly overdue?: { readonly at: Date; readonly is: boolean };
  readonly limit?: number;
}

export interface ShareApplicationsRepository {
  /**
   * Records a submission (event 1, SUBMITTED). When the pool decides at once
   * (`closing`: unconditional approval or not-shared refusal), the closing
   * event and its grants are part of the same transaction.
   */
  submit(application: NewApplication, submission: EventInput, closing?: Omit<TransitionPlan, 'at'>): Promise<ShareApplication>;
  get(id: string): Promise<ShareApplication | undefined>;
  list(filter: ApplicationFilter): Promise<ShareApplication[]>;
  /** The history of each application, in order; batched for the per-request loaders. */
  history(ids: ReadonlyArray<string>): Promise<Map<string, ApplicationEvent[]>>;
  /**
   * Locks the application, asks `plan` what to do with it as it is now
   * (undefined: there is no such application); `plan` throws to refuse, and
   * nothing is written. Then writes the plan.
   */
  transition(id: string, plan: (current: ShareApplication | undefined) => TransitionPlan): Promise<ShareApplication>;
}

const COLUMNS = `id, applicant, resources, coordinates, purpose, row_scope, valid_until, status, submitted_at, endorsement_deadline,
  deadline, endorser, provider, catalog_version, decided_at`;
/** The deadline of the stage an application is in (policies' `stageDeadline`); null when none runs. */
const STAGE_DEADLINE = `CASE WHEN status = 'ENDORSED' OR (status = 'SUBMITTED' AND endorser IS NULL) THEN deadline
  WHEN status = 'SUBMITTED' THEN endorsement_deadline END`;

export function shareApplicationsRepository(pool: Pool): ShareApplicationsRepository {
  return {
    submit: (application, submission, closing) => inTransaction(pool, async (client) => {
      const id = randomUUID();
      await client.query(
        `INSERT INTO share_applications (id, applicant, resources, coordinates, purpose, row_scope, valid_until, status,
           submitted_at, endorsement_deadline, deadline, endorser, provider, catalog_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'SUBMITTED', $8, $9, $10, $11, $12, $13)`,
        [id, application.applicant, application.resources, application.coordinates, application.purpose, application.rowScope,
          application.validUntil, application.submittedAt, application.endorsementDeadline, application.decisionDeadline,
          application.endorser, application.provider, application.catalogVersion],
      );
      await insertEvent(client, id, 1, null, 'SUBMITTED', application.submittedAt, submission);
      if (closing) await applyPlan(client, { ...application, id, status: 'SUBMITTED', decidedAt: null }, 2, { ...closing, at: application.submittedAt });
      return (await selectApplication(client, id, false))!;
    }),
    get: (id) => selectApplication(pool, id, false),
    list: async (filter) => {
      const params: unknown[] = [];
      const add = (value: unknown) => `$${params.push(value)}`;
      const where: string[] = [];
      if (filter.applicant !== undefined) where.push(`applicant = ${add(filter.applicant)}`);
      if (filter.awaiting !== undefined) {
        const unit = add(filter.awaiting);
        where.push(`((status = 'SUBMITTED' AND coalesce(endorser, provider) = ${unit}) OR (status = 'ENDORSED' AND provider = ${unit})
          OR (status = 'DECLINED' AND applicant = ${unit}))`);
      }
      if (filter.involving !== undefined) {
        const unit = add(filter.involving);
        where.push(`(applicant = ${unit} OR endorser = ${unit} OR provider = ${unit})`);
      }
      if (filter.statuses !== undefined) where.push(`status = ANY(${add(filter.statuses)}::text[])`);
      if (filter.overdue !== undefined) {
        const overdue = `coalesce((${STAGE_DEADLINE}) < ${add(filter.overdue.at)}, false)`;
        where.push(filter.overdue.is ? overdue : `NOT ${overdue}`);
      }
      const limit = filter.limit === undefined ? '' : ` LIMIT ${add(filter.limit)}`;
      const sql = `SELECT ${COLUMNS} FROM share_applications${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY submitted_at DESC, id${limit}`;
      return (await pool.query<ApplicationRow>(sql, params)).rows.map(readApplication);
    },
    history: async (ids) => {
      const { rows } = await pool.query<EventRow>(
        `SELECT application_id, seq, from_status, to_status, actor_unit, actor_token, actor_person, at, reason, conditions
         FROM share_application_events WHERE application_id = ANY($1::text[]) ORDER BY application_id, seq`, [ids],
      );
      const byApplication = new Map<string, ApplicationEvent[]>(ids.map((id) => [id, []]));
      for (const row of rows) byApplication.get(row.application_id)?.push(readEvent(row));
      return byApplication;
    },
    transition: (id, plan) => inTransaction(pool, async (client) => {
      const current = await selectApplication(client, id, true);
      const decided = plan(current);
      if (!current) throw new Error(`share application ${id} does not exist, and the plan did not refuse`);
      const { rows } = await client.query<{ seq: number }>('SELECT max(seq) AS seq FROM share_application_events WHERE application_id = $1', [id]);
      await applyPlan(client, current, (rows[0]?.seq ?? 0) + 1, decided);
      return (await selectApplication(client, id, false))!;
    }),
  };
}

async function applyPlan(client: PoolClient, current: ShareApplication, seq: number, plan: TransitionPlan): Promise<void> {
  const closes = plan.to === 'APPROVED' || plan.to === 'REJECTED' || plan.to === 'WITHDRAWN';
  await client.query('UPDATE share_applications SET status = $2, decided_at = $3 WHERE id = $1', [current.id, plan.to, closes ? plan.at : null]);
  if (plan.deadlines?.endorsement !== undefined) {
    await client.query('UPDATE share_applications SET endorsement_deadline = $2 WHERE id = $1', [current.id, plan.deadlines.endorsement]);
  }
  if (plan.deadlines?.decision !== undefined) {
    await client.query('UPDATE share_applications SET deadline = $2 WHERE id = $1', [current.id, plan.deadlines.decision]);
  }
  if (plan.terms) {
    const { coordinates, purpose, rowScope, validUntil } = plan.terms;
    await client.query(
      'UPDATE share_applications SET coordinates = $2, purpose = $3, row_scope = $4, valid_until = $5 WHERE id = $1',
      [current.id, coordinates, purpose, rowScope, validUntil],
    );
  }
  await insertEvent(client, current.id, seq, current.status, plan.to, plan.at, plan.event);
  if (plan.grants && plan.grants.length > 0) await insertGrants(client, current, plan.at, plan.grants);
}

async function insertEvent(
  client: PoolClient, id: string, seq: number, from: ApplicationStatus | null, to: ApplicationStatus, at: Date, event: EventInput,
): Promise<void> {
  await client.query(
    `INSERT INTO share_application_events (application_id, seq, from_status, to_status, actor_unit, actor_token, actor_person, at, reason, conditions)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)`,
    [id, seq, from, to, event.actorUnit, event.actorToken, event.actorPerson ?? null, at, event.reason,
      event.conditions ? JSON.stringify(event.conditions) : null],
  );
}

async function selectApplication(db: Pool | PoolClient, id: string, forUpdate: boolean): Promise<ShareApplication | undefined> {
  const { rows } = await db.query<ApplicationRow>(`SELECT ${COLUMNS} FROM share_applications WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] && readApplication(rows[0]);
}
