import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parseCoordinate } from '../../policies/coordinates';
import { errors } from '../../policies/errors';
import { CITY_DIVISION_CODE } from '../../policies/standards';
import { toGraphQLError } from '../../platform/graphql-errors';
import { countAuditTrail, queryAuditTrail, queryRecordAccesses, type AuditEntry, type AuditTrailFilter } from '../../store/audit/audit-queries';
import { lastAuditVerification } from '../../store/audit/audit-verifications';
import { querySupervision, type ShareApplicationSummary } from '../../store/audit/supervision-queries';
import { DEFAULT_PAGE_SIZE } from '../../platform/cross-part-types';
import { encodeCursor, toConnection } from '../kit/connection';
import type { GovernanceContext } from './resolvers';

/**
 * The audit and supervision queries (audit-schema.graphql). Who may read:
 * - auditTrail and supervision: the city bureau (440100) only, whose data
 *   office supervises data sharing (Measures 第八章, 第二十三条至第二十五条);
 *   every other unit, district bureaus included, gets FORBIDDEN. (A district
 *   bureau supervising its own subtree would need the trail filtered by the
 *   unit tree; not asked for yet.)
 * - accessesOfRecord: the city bureau sees every unit's accesses; any other
 *   unit sees only its own. The governance store does not know a student's
 *   school, so a school or district cannot be shown others' accesses to "its"
 *   students without asking the student subgraph; not done here.
 */
type Ctx = GovernanceContext;

interface AuditTrailFilterInput {
  unit?: string | null; from?: string | null; to?: string | null; coordinate?: string | null;
  first?: number | null; after?: string | null;
}

const MAX_ACCESSES = 1_000;
const DEFAULT_ACCESSES = 100;

function badInput(argument: string, why: string, coordinate: string): never {
  throw toGraphQLError(errors.badUserInput(argument, why, coordinate));
}

function requireCityBureau(context: Ctx, action: string): void {
  if (context.request.unit !== CITY_DIVISION_CODE) {
    throw toGraphQLError(errors.forbidden(action, `only the city bureau (${CITY_DIVISION_CODE}), whose data office supervises data sharing, may.`));
  }
}

/** A day (YYYY-MM-DD, from Guangzhou midnight) or an ISO 8601 instant with its offset. */
function instant(value: string, argument: string): Date {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const full = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const parsed = new Date(day ? `${value}T00:00:00+08:00` : value);
  if ((!day && !full) || Number.isNaN(parsed.getTime()) || !isCalendarDay(value.slice(0, 10))) {
    badInput(argument, `${value} is not a date (YYYY-MM-DD) or an ISO 8601 instant with its offset (2025-03-01T08:00:00+08:00).`, 'Query.auditTrail');
  }
  return parsed;
}

/** JavaScript rolls 2025-02-30 over into March; a filter should say it is wrong instead. */
function isCalendarDay(ymd: string): boolean {
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function trailFilter(input: AuditTrailFilterInput): AuditTrailFilter {
  if (input.coordinate != null && !parseCoordinate(input.coordinate)) {
    badInput('filter.coordinate', `${input.coordinate} is not a schema coordinate (Type.field, e.g. Student.idNumber).`, 'Query.auditTrail');
  }
  return {
    ...(input.unit != null ? { unit: input.unit } : {}),
    ...(input.from != null ? { from: instant(input.from, 'filter.from') } : {}),
    ...(input.to != null ? { to: instant(input.to, 'filter.to') } : {}),
    ...(input.coordinate != null ? { coordinate: input.coordinate } : {}),
  };
}

/** The cursor is the entry's seq, wrapped as kit/connection wraps every cursor. */
function afterSeq(after: string | null | undefined): string | undefined {
  if (after == null) return undefined;
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const seq = text.slice(2);
  if (!/^[1-9]\d{0,18}$/.test(seq) || encodeCursor(seq) !== after) {
    badInput('filter.after', 'is not a cursor this list returned. Use pageInfo.endCursor of the previous page.', 'Query.auditTrail');
  }
  return seq;
}

function size(first: number | null | undefined, fallback: number, max: number, argument: string, coordinate: string): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 0 || value > max) badInput(argument, `must be between 0 and ${max}, got ${value}.`, coordinate);
  return value;
}

const iso = (date: Date): string => date.toISOString();

const entryView = (entry: AuditEntry) => ({
  ...entry,
  at: iso(entry.at),
  recordCounts: Object.entries(entry.recordCounts).map(([resource, count]) => ({ resource, count })),
});

const summaryView = (application: ShareApplicationSummary) => ({
  ...application, submittedAt: iso(application.submittedAt), deadline: iso(application.deadline),
});

export const auditResolvers: GraphQLResolverMap<Ctx> = {
  Query: {
    auditTrail: async (_: unknown, args: { filter?: AuditTrailFilterInput | null }, context: Ctx) => {
      requireCityBureau(context, 'read the audit trail');
      const input = args.filter ?? {};
      const first = size(input.first, DEFAULT_PAGE_SIZE, context.services.maxPageSize, 'filter.first', 'Query.auditTrail');
      const filter = trailFilter(input);
      const pool = context.services.store.pool;
      const rows = await queryAuditTrail(pool, filter, first, afterSeq(input.after));
      const { edges, pageInfo } = toConnection(rows.map(entryView), first, 0, (entry) => entry.seq);
      // COUNT(*) is the costly part: graphql-js calls this only when totalCount is selected.
      return { edges, pageInfo, totalCount: () => countAuditTrail(pool, filter) };
    },
    accessesOfRecord: async (_: unknown, args: { studentId: string; first?: number | null }, context: Ctx) => {
      const limit = size(args.first, DEFAULT_ACCESSES, MAX_ACCESSES, 'first', 'Query.accessesOfRecord');
      const unit = context.request.unit;
      const accesses = await queryRecordAccesses(
        context.services.store.pool, { type: 'Student', id: args.studentId }, limit, unit === CITY_DIVISION_CODE ? undefined : unit,
      );
      return accesses.map((access) => ({ ...access, at: iso(access.at) }));
    },
    supervision: async (_: unknown, __: unknown, context: Ctx) => {
      requireCityBureau(context, 'read the supervision figures');
      const pool = context.services.store.pool;
      const [figures, verification] = await Promise.all([querySupervision(pool, context.services.clock.now()), lastAuditVerification(pool)]);
      return {
        ...figures,
        overdueApplications: figures.overdueApplications.map(summaryView),
        lastAuditVerification: verification && {
          verifiedAt: iso(verification.verifiedAt), ok: verification.ok, entries: verification.entries,
          brokenAtSeq: verification.brokenSeq, brokenReason: verification.brokenReason,
          sealedAtSeq: verification.sealedSeq, sealedAt: verification.sealedAt && iso(verification.sealedAt),
          sealProblem: verification.sealProblem, sealDetail: verification.sealDetail,
        },
      };
    },
  },
};
