import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { errors } from '../../policies/errors';
import { effectivePermissions } from '../../policies/permissions';
import {
  mayReadApplication, type ApplicationStatus, type ApplyInput, type ConditionsInput, type ResubmitInput, type ShareApplication,
} from '../../policies/share-workflow';
import { CITY_DIVISION_CODE } from '../../policies/standards';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { HotState } from '../../platform/hot-state';
import type { ApplicationFilter, GovernanceStore, GrantFilter } from '../../store';
import type { BaseSubgraphContext } from '../kit/subgraph-definition';
import type { GovernanceLoaders } from './loaders';
import type { TokenRevocationService } from './token-revocations';
import type { UnitAdministration } from './unit-administration';
import {
  mergeAccessEntries, toAccessEntries, toApplicationView, toCatalogResourceView, toEventView, toGrantView, type ApplicationView,
  type EventView,
} from './mapper';
import { act, applyForShare, giveUpGrant, revokeGrant, type Actor, type WorkflowDeps } from './workflow';

/** The long-lived parts of the subgraph, one per process (made by `createGovernanceServices`). */
export interface GovernanceServices extends WorkflowDeps {
  /** The whole store, for queries beyond the workflow's (the audit trail reads `store.pool`). */
  readonly store: GovernanceStore;
  /** Largest `first` a list accepts. */
  readonly maxPageSize: number;
  /** Token revocation (tokens-resolvers.ts). */
  readonly tokens: TokenRevocationService;
  /** The unit's apps and people, by its app administrator (apps-resolvers.ts). */
  readonly administration: UnitAdministration;
  /** The shared hot state, whose copies of store rows (registered operations) are forgotten after a change. */
  readonly hotState: HotState;
}

export interface GovernanceContext extends BaseSubgraphContext {
  readonly services: GovernanceServices;
  readonly loaders: GovernanceLoaders;
}

type Ctx = GovernanceContext;

interface ListArgs<F> {
  readonly filter?: F | null;
  readonly first?: number | null;
}

interface ApplicationFilterInput {
  readonly role?: 'MINE' | 'AWAITING_ME' | 'ALL' | null;
  readonly status?: ApplicationStatus | null;
  readonly overdue?: boolean | null;
}

interface GrantFilterInput {
  readonly mine?: boolean | null;
  readonly provided?: boolean | null;
  readonly active?: boolean | null;
}

const DEFAULT_LIST_SIZE = 100;

/** The clock's time, read when a value is derived: a grant made by this very request is already active. */
const now = (context: Ctx): Date => context.services.clock.now();

/** The actor of a mutation; a signed-in person comes with their roles, read once per request. */
async function actorOf(context: Ctx): Promise<Actor> {
  const { unit, tokenId, person, client } = context.request;
  if (client !== undefined) return { unit, tokenId, client };
  if (!person) return { unit, tokenId };
  return { unit, tokenId, person: { id: person, roles: await context.loaders.rolesOf(person, unit) } };
}

function listSize(first: number | null | undefined, context: Ctx, coordinate: string): number {
  const size = first ?? DEFAULT_LIST_SIZE;
  const max = context.services.maxPageSize;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw toGraphQLError(errors.badUserInput('first', `must be between 0 and ${max}, got ${size}.`, coordinate));
  }
  return size;
}

/** MINE: applied for by the unit; AWAITING_ME: its turn; ALL (default): any part in it, everything for the city bureau. */
function applicationFilter(args: ListArgs<ApplicationFilterInput>, context: Ctx): ApplicationFilter {
  const unit = context.request.unit;
  const { role, status, overdue } = args.filter ?? {};
  const byRole: ApplicationFilter = role === 'MINE' ? { applicant: unit }
    : role === 'AWAITING_ME' ? { awaiting: unit }
      : unit === CITY_DIVISION_CODE ? {} : { involving: unit };
  return {
    ...byRole,
    ...(status != null ? { statuses: [status] } : {}),
    ...(overdue != null ? { overdue: { at: now(context), is: overdue } } : {}),
    limit: listSize(args.first, context, 'Query.shareApplications'),
  };
}

/** mine: held by the unit; provided: provided by it; neither or both: either. */
function grantFilter(input: GrantFilterInput | null | undefined, context: Ctx): GrantFilter {
  const unit = context.request.unit;
  const mine = input?.mine === true;
  const provided = input?.provided === true;
  const byRole: GrantFilter = mine && !provided ? { grantee: unit } : provided && !mine ? { provider: unit } : { involving: unit };
  return { ...byRole, ...(input?.active != null ? { active: { at: now(context), is: input.active } } : {}) };
}

const view = (context: Ctx) => (application: ShareApplication) => toApplicationView(application, now(context));

export const resolvers: GraphQLResolverMap<Ctx> = {
  Query: {
    catalog: (_: unknown, __: unknown, context: Ctx) => context.services.catalog.resources.map(toCatalogResourceView),
    myAccess: async (_: unknown, __: unknown, context: Ctx) => {
      const { catalog, unitTree, adapter } = context.services;
      const unit = context.request.unit;
      // The unit's own access, from the store's grants as they are now (a grant approved a moment ago shows at once).
      const at = now(context);
      const grants = await adapter.activeGrants(unit, at);
      const byId = new Map(grants.map((g) => [g.id, g]));
      const purposes = [undefined, ...new Set(grants.map((g) => g.purpose))];
      return mergeAccessEntries(purposes.map((purpose) => toAccessEntries(
        effectivePermissions({ unit, unitTree: unitTree(), catalog, grants, token: purpose ? { purpose } : {}, now: at }),
        (code) => catalog.byCode(code), byId,
      )));
    },
    shareApplications: async (_: unknown, args: ListArgs<ApplicationFilterInput>, context: Ctx) =>
      (await context.services.adapter.applications(applicationFilter(args, context))).map(view(context)),
    shareApplication: async (_: unknown, args: { id: string }, context: Ctx) => {
      const application = await context.services.adapter.application(args.id);
      if (!application) return null;
      if (!mayReadApplication(application, context.request.unit)) {
        throw toGraphQLError(errors.forbidden(`read share application ${args.id}`, `only its applicant ${application.applicant}, endorser, provider ${application.provider} or the city bureau may.`));
      }
      return view(context)(application);
    },
    grants: async (_: unknown, args: ListArgs<GrantFilterInput>, context: Ctx) => {
      const filter = { ...grantFilter(args.filter, context), limit: listSize(args.first, context, 'Query.grants') };
      return (await context.services.adapter.grants(filter)).map((grant) => toGrantView(grant, now(context)));
    },
  },
  Mutation: {
    applyForShare: async (_: unknown, args: { input: ApplyInput }, context: Ctx) =>
      view(context)(await applyForShare(context.services, await actorOf(context), args.input)),
    endorseShareApplication: async (_: unknown, args: { id: string; reason?: string | null }, context: Ctx) =>
      view(context)(await act(context.services, await actorOf(context), args.id, 'ENDORSE', args.reason ?? null)),
    declineShareApplication: async (_: unknown, args: { id: string; reason: string }, context: Ctx) =>
      view(context)(await act(context.services, await actorOf(context), args.id, 'DECLINE', args.reason)),
    decideShareApplication: async (
      _: unknown, args: { id: string; decision: 'APPROVE' | 'REJECT'; conditions?: ConditionsInput | null; reason?: string | null }, context: Ctx,
    ) => view(context)(await act(context.services, await actorOf(context), args.id, args.decision, args.reason ?? null, { conditions: args.conditions })),
    resubmitShareApplication: async (_: unknown, args: { id: string; amendments?: ResubmitInput | null; reason?: string | null }, context: Ctx) =>
      view(context)(await act(context.services, await actorOf(context), args.id, 'RESUBMIT', args.reason ?? null, { amendments: args.amendments })),
    withdrawShareApplication: async (_: unknown, args: { id: string; reason?: string | null }, context: Ctx) =>
      view(context)(await act(context.services, await actorOf(context), args.id, 'WITHDRAW', args.reason ?? null)),
    revokeGrant: async (_: unknown, args: { id: string; reason: string }, context: Ctx) =>
      toGrantView(await revokeGrant(context.services, await actorOf(context), args.id, args.reason), now(context)),
    giveUpGrant: async (_: unknown, args: { id: string; reason?: string | null }, context: Ctx) =>
      toGrantView(await giveUpGrant(context.services, await actorOf(context), args.id, args.reason ?? null), now(context)),
  },
  ShareApplicationEvent: {
    actorPersonName: (event: EventView, _: unknown, context: Ctx) =>
      (event.actorPerson ? context.loaders.personName.load(event.actorPerson) : null),
  },
  ShareApplication: {
    history: async (application: ApplicationView, _: unknown, context: Ctx) =>
      (await context.loaders.historyOf.load(application.id)).map(toEventView),
    grants: async (application: ApplicationView, _: unknown, context: Ctx) =>
      (await context.loaders.grantsOf.load(application.id)).map((grant) => toGrantView(grant, now(context))),
    grant: async (application: ApplicationView, _: unknown, context: Ctx) => {
      const grants = await context.loaders.grantsOf.load(application.id);
      return grants.length === 1 ? toGrantView(grants[0]!, now(context)) : null;
    },
  },
};
