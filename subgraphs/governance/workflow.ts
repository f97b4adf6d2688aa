import type { Catalog, ResponseDeadline } from '../../policies/catalog';
import type { WorkingCalendar } from '../../policies/deadlines';
import { errors, type ErrorShape } from '../../policies/errors';
import type { PersonRole } from '../../policies/people';
import {
  appStepRefusal, applicationDeadline, checkApplication, checkPersonRole, checkResubmission, decideConditions, endorsementDeadline, mayGiveUpGrant,
  mayRevokeGrant, nextStatus, SYSTEM_ACTOR,
  type ApplyInput, type ConditionsInput, type DecidedConditions, type PersonAction, type ResubmitInput, type ShareApplication,
  type WorkflowAction,
} from '../../policies/share-workflow';
import type { UnitTree } from '../../policies/unit-tree';
import type { Clock } from '../../platform/clock';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { GrantRecord, NewApplication, TransitionPlan } from '../../store';
import type { GovernanceAdapter } from './adapter';

/**
 * The sharing workflow's use cases: the pure rules of policies/share-workflow
 * applied to the store through the adapter. Every check that depends on an
 * application's state runs inside the transaction that changes it, on the
 * locked row, so two units acting at once cannot both succeed.
 */
export interface WorkflowDeps {
  readonly adapter: GovernanceAdapter;
  readonly catalog: Catalog;
  readonly catalogVersion: string;
  readonly unitTree: () => UnitTree;
  readonly clock: Clock;
  readonly calendar: WorkingCalendar;
  /** The endorser's period (policies/share-workflow DEFAULT_ENDORSEMENT_PERIOD unless configured). */
  readonly endorsementPeriod: ResponseDeadline;
}

/**
 * Who acts: the unit and token of the signed context, and the signed-in
 * person with the roles the store holds for them, or the app whose token it
 * is (neither for an operator's token, which is checked per unit only).
 */
export interface Actor {
  readonly unit: string;
  readonly tokenId: string;
  readonly person?: { readonly id: string; readonly roles: ReadonlyArray<PersonRole> };
  readonly client?: string;
}

const fail = (shape: ErrorShape): never => {
  throw toGraphQLError(shape);
};

/** A person acts only with the role the step takes; checked before anything is read, so a refusal reveals nothing. */
function requireRole(actor: Actor, action: PersonAction): void {
  if (actor.client !== undefined) fail(appStepRefusal(action, actor.client));
  if (!actor.person) return;
  const checked = checkPersonRole(action, actor.unit, actor.person.roles);
  if (!checked.ok) fail(checked.error);
}

/** The history's actor columns for `actor`. */
const recorded = (actor: Actor) => ({ actorUnit: actor.unit, actorToken: actor.tokenId, actorPerson: actor.person?.id ?? null });

/**
 * Submits an application. Conditional: stored as SUBMITTED for the endorser or
 * provider. Unconditional: approved at once by SYSTEM in the same
 * transaction. Not shared: stored, refused by SYSTEM with the legal basis as
 * the reason (the whole process is recorded), and answered with NOT_SHARED
 * carrying the application's id.
 */
export async function applyForShare(deps: WorkflowDeps, actor: Actor, input: ApplyInput): Promise<ShareApplication> {
  requireRole(actor, 'APPLY');
  const now = deps.clock.now();
  const unitTree = deps.unitTree();
  const checked = checkApplication(input, { applicant: actor.unit, catalog: deps.catalog, unitTree, now });
  if (!checked.ok) return fail(checked.error);
  const { disposition, resources, ...asked } = checked.value;
  const application: NewApplication = {
    ...asked,
    applicant: actor.unit,
    resources: resources.map((r) => r.code),
    submittedAt: now,
    // One clock runs at a time: the endorser's from submission, or the provider's when the application goes straight to it.
    endorsementDeadline: asked.endorser === null ? null : endorsementDeadline(now, deps.endorsementPeriod, deps.calendar),
    decisionDeadline: asked.endorser === null ? applicationDeadline(now, resources, deps.calendar) : null,
    catalogVersion: deps.catalogVersion,
  };
  const submission = { ...recorded(actor), reason: null };

  switch (disposition.kind) {
    case 'AWAIT':
      return deps.adapter.submit(application, submission);
    case 'APPROVE_AT_ONCE': {
      const decided = decideConditions(application, null, deps.catalog, unitTree, now);
      if (!decided.ok) return fail(decided.error);
      const reason = '无条件共享：由资源池自动批准 unconditional resource, approved at once by the pool';
      return deps.adapter.submit(application, submission, { to: 'APPROVED', event: systemEvent(reason, decided.value.conditions), grants: decided.value.grants });
    }
    case 'NOT_SHARED': {
      const reason = disposition.resources.map((r) => `${r.code} 不予共享 not shared. ${r.legalBasis ?? ''}`.trim()).join('\n');
      const stored = await deps.adapter.submit(application, submission, { to: 'REJECTED', event: systemEvent(reason, null) });
      const first = disposition.resources[0]!;
      const coordinate = application.coordinates.find((c) => first.coordinates.includes(c)) ?? first.coordinates[0]!;
      const refusal = errors.notShared(coordinate, first.code, first.legalBasis ?? '');
      return fail({ ...refusal, extensions: { ...refusal.extensions, applicationId: stored.id } });
    }
  }
}

function systemEvent(reason: string, conditions: DecidedConditions | null) {
  return { actorUnit: SYSTEM_ACTOR, actorToken: null, actorPerson: null, reason, conditions };
}

/** What an action may carry besides its reason: an approval's conditions, a resubmission's amended terms. */
export interface ActionDetails {
  readonly conditions?: ConditionsInput | null;
  readonly amendments?: ResubmitInput | null;
}

/**
 * Endorse, decline, approve, reject, resubmit or withdraw; refusals name who
 * may act (FORBIDDEN) or what is wrong (BAD_USER_INPUT). Each step that hands
 * the application on starts the next stage's clock: endorsing starts the
 * provider's (第十五条, counted from when the application reaches it);
 * resubmitting restarts the endorser's.
 */
export function act(deps: WorkflowDeps, actor: Actor, id: string, action: WorkflowAction, reason: string | null, details: ActionDetails = {}): Promise<ShareApplication> {
  requireRole(actor, action);
  const unitTree = deps.unitTree();
  const given = reason?.trim() || null;
  return deps.adapter.transition(id, (current) => {
    if (!current) return fail(errors.badUserInput('id', `there is no share application ${id}.`));
    const now = deps.clock.now();
    const next = nextStatus(current, action, actor.unit);
    if (!next.ok) return fail(next.error);
    if (action === 'REJECT' && given === null) {
      // 第十五条: the provider supplies the data or gives its reasons for not sharing.
      return fail(errors.badUserInput('reason', 'a rejection must give its reasons.'));
    }
    if (action === 'DECLINE' && given === null) {
      return fail(errors.badUserInput('reason', 'a decline must give its reasons, so that the applicant knows what to change.'));
    }
    if (details.conditions && action !== 'APPROVE') return fail(errors.badUserInput('conditions', 'only an approval carries conditions.'));
    if (details.amendments && action !== 'RESUBMIT') return fail(errors.badUserInput('amendments', 'only a resubmission amends the application.'));
    const event = { ...recorded(actor), reason: given, conditions: null };
    const plan: TransitionPlan = { to: next.value, at: now, event };
    switch (action) {
      case 'APPROVE': {
        const outcome = decideConditions(current, details.conditions, deps.catalog, unitTree, now);
        if (!outcome.ok) return fail(outcome.error);
        return { ...plan, event: { ...event, conditions: outcome.value.conditions }, grants: outcome.value.grants };
      }
      case 'ENDORSE':
        return { ...plan, deadlines: { decision: applicationDeadline(now, responsePeriods(deps.catalog, current.resources), deps.calendar) } };
      case 'RESUBMIT': {
        const terms = checkResubmission(current, details.amendments, { applicant: current.applicant, catalog: deps.catalog, unitTree, now });
        if (!terms.ok) return fail(terms.error);
        return { ...plan, terms: terms.value, deadlines: { endorsement: endorsementDeadline(now, deps.endorsementPeriod, deps.calendar), decision: null } };
      }
      default:
        return plan;
    }
  });
}

/** The response periods of the resources an application names; one the catalog has since dropped keeps the statutory 15 days. */
function responsePeriods(catalog: Catalog, codes: ReadonlyArray<string>): ReadonlyArray<{ responseDeadline: ResponseDeadline }> {
  return codes.map((code) => catalog.byCode(code) ?? { responseDeadline: { days: 15, calendar: 'NATURAL' } });
}

/** Revokes a grant as its provider or the city bureau; the change reaches the gateway through the store's change mark. */
export function revokeGrant(deps: WorkflowDeps, actor: Actor, id: string, reason: string): Promise<GrantRecord> {
  requireRole(actor, 'REVOKE');
  const end = { by: actor.unit, reason: reason.trim(), person: actor.person?.id ?? null, givenUp: false };
  return deps.adapter.revokeGrant(id, end, (grant) => {
    if (!grant) return fail(errors.badUserInput('id', `there is no grant ${id}.`));
    const may = mayRevokeGrant(grant, actor.unit);
    if (!may.ok) return fail(may.error);
    if (end.reason === '') return fail(errors.badUserInput('reason', 'a revocation must give its reason.'));
  });
}

/**
 * The grantee gives a grant up (放弃授权): it ends at once, through the same
 * path as a revocation — recorded on the grant (given up, by whom, why) and
 * announced to the gateways, which drop their cached permissions.
 */
export function giveUpGrant(deps: WorkflowDeps, actor: Actor, id: string, reason: string | null): Promise<GrantRecord> {
  requireRole(actor, 'GIVE_UP');
  const end = { by: actor.unit, reason: reason?.trim() || null, person: actor.person?.id ?? null, givenUp: true };
  return deps.adapter.revokeGrant(id, end, (grant) => {
    if (!grant) return fail(errors.badUserInput('id', `there is no grant ${id}.`));
    const may = mayGiveUpGrant(grant, actor.unit, deps.clock.now());
    if (!may.ok) return fail(may.error);
  });
}
