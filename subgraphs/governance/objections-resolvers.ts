import DataLoader from 'dataloader';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { errors } from '../../policies/errors';
import { isObjectionOverdue, type Objection, type ObjectionEvent, type ObjectionStatus } from '../../policies/objections';
import { CITY_DIVISION_CODE } from '../../policies/standards';
import type { ObjectionFilter } from '../../store/objections/objections-repository';
import { actOnObjection, fileObjection, objectionsOf, type FileObjectionInput } from './objections-workflow';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { GovernanceContext } from './resolvers';

/**
 * The objection queries and mutations (objections-schema.graphql). Who may
 * read an objection: its filer, its provider, and the city bureau, which
 * supervises (Measures 第八章) and alone sees the supervision figures. The
 * proposed value may be personal data, so the objection is not shown to
 * other consumers: they see that the field is disputed (extensions.disputes
 * on every response serving the record), not what was claimed.
 */
type Ctx = GovernanceContext;

interface FilterInput { role?: 'FILED_BY_ME' | 'AWAITING_ME' | null; status?: ObjectionStatus | null; overdue?: boolean | null }

const DEFAULT_LIST = 20;
const SUPERVISION_LIST = 100;

const actorOf = (context: Ctx) => ({ unit: context.request.unit, tokenId: context.request.tokenId });
const iso = (date: Date | null) => (date ? date.toISOString() : null);

function unitSummary(code: string, context: Ctx) {
  return { code, name: context.services.unitTree().get(code)?.name ?? null };
}

const histories = new WeakMap<Ctx, DataLoader<string, ReadonlyArray<ObjectionEvent>>>();

/** Per request (keyed by its context): the histories of every objection listed, in one statement. */
function historyLoader(context: Ctx): DataLoader<string, ReadonlyArray<ObjectionEvent>> {
  let loader = histories.get(context);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const byId = await objectionsOf(context.services).history(ids);
      return ids.map((id) => byId.get(id) ?? []);
    });
    histories.set(context, loader);
  }
  return loader;
}

function listFilter(input: FilterInput | null | undefined, first: number | null | undefined, context: Ctx): ObjectionFilter {
  const unit = context.request.unit;
  const size = first ?? DEFAULT_LIST;
  if (!Number.isInteger(size) || size < 0 || size > context.services.maxPageSize) {
    throw toGraphQLError(errors.badUserInput('first', `must be between 0 and ${context.services.maxPageSize}, got ${size}.`, 'Query.objections'));
  }
  const byRole: ObjectionFilter = input?.role === 'FILED_BY_ME' ? { filedBy: unit }
    : input?.role === 'AWAITING_ME' ? { provider: unit, statuses: ['FILED', 'VERIFYING'] }
      : unit === CITY_DIVISION_CODE ? {} : { involving: unit };
  const statuses = input?.status ? { statuses: [input.status] } : {};
  return { ...byRole, ...statuses, ...(input?.overdue ? { overdueAt: context.services.clock.now() } : {}), limit: size };
}

function mayRead(objection: Objection, unit: string): boolean {
  return unit === objection.filedBy || unit === objection.provider || unit === CITY_DIVISION_CODE;
}

export const objectionsResolvers: GraphQLResolverMap<Ctx> = {
  Query: {
    objection: async (_: unknown, args: { id: string }, context: Ctx) => {
      const objection = await objectionsOf(context.services).get(args.id);
      if (!objection) return null;
      if (!mayRead(objection, context.request.unit)) {
        throw toGraphQLError(errors.forbidden(`read objection ${args.id}`, `only its filer ${objection.filedBy}, its provider ${objection.provider} or the city bureau may.`));
      }
      return objection;
    },
    objections: (_: unknown, args: { filter?: FilterInput | null; first?: number | null }, context: Ctx) =>
      objectionsOf(context.services).list(listFilter(args.filter, args.first, context)),
  },
  Mutation: {
    fileObjection: (_: unknown, args: { input: FileObjectionInput }, context: Ctx) =>
      fileObjection(context.services, actorOf(context), args.input),
    verifyObjection: (_: unknown, args: { id: string; reason?: string | null }, context: Ctx) =>
      actOnObjection(context.services, actorOf(context), args.id, 'VERIFY', args.reason ?? null),
    answerObjection: (_: unknown, args: { id: string; decision: 'CORRECTED' | 'REJECTED'; reason: string }, context: Ctx) =>
      actOnObjection(context.services, actorOf(context), args.id, args.decision === 'CORRECTED' ? 'CORRECT' : 'REJECT', args.reason),
    withdrawObjection: (_: unknown, args: { id: string; reason?: string | null }, context: Ctx) =>
      actOnObjection(context.services, actorOf(context), args.id, 'WITHDRAW', args.reason ?? null),
  },
  // The parent supervision resolver has already refused every unit but the city bureau.
  Supervision: {
    openObjections: (_: unknown, __: unknown, context: Ctx) =>
      objectionsOf(context.services).count({ statuses: ['FILED', 'VERIFYING'] }),
    overdueObjections: async (_: unknown, __: unknown, context: Ctx) => {
      const overdue = await objectionsOf(context.services).list({ overdueAt: context.services.clock.now(), limit: SUPERVISION_LIST });
      return overdue.sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
    },
  },
  Objection: {
    filedBy: (objection: Objection, _: unknown, context: Ctx) => unitSummary(objection.filedBy, context),
    provider: (objection: Objection, _: unknown, context: Ctx) => unitSummary(objection.provider, context),
    filedAt: (objection: Objection) => iso(objection.filedAt),
    deadline: (objection: Objection) => iso(objection.deadline),
    closedAt: (objection: Objection) => iso(objection.closedAt),
    overdue: (objection: Objection, _: unknown, context: Ctx) => isObjectionOverdue(objection, context.services.clock.now()),
    history: (objection: Objection, _: unknown, context: Ctx) => historyLoader(context).load(objection.id),
  },
  ObjectionStep: {
    actor: (event: ObjectionEvent, _: unknown, context: Ctx) => unitSummary(event.actorUnit, context),
    at: (event: ObjectionEvent) => iso(event.at),
  },
};
