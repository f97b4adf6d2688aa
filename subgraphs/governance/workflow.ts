import type { Catalog } from '../../policies/catalog';
import type { WorkingCalendar } from '../../policies/deadlines';
import { errors, type ErrorShape } from '../../policies/errors';
import {
  applicationDeadline, checkApplication, decideConditions, mayRevokeGrant, nextStatus, SYSTEM_ACTOR,
  type ApplyInput, type ConditionsInput, type DecidedConditions, type GrantDraft, type ShareApplication, type WorkflowAction,
} from '../../policies/share-workflow';
import type { UnitTree } from '../../policies/unit-tree';
import type { Clock } from '../../platform/clock';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { GrantRecord, NewApplication } from '../../store';
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
}

/** Who acts: the unit and token of the signed context. */
export interface Actor {
  readonly unit: string;
  readonly tokenId: string;
}

const fail = (shape: ErrorShape): never => {
  throw toGraphQLError(shape);
};

/**
 * Submits an application. Conditional: stored as SUBMITTED for the endorser or
 * provider. Unconditional: approved at once by SYSTEM in the same
 * transaction. Not shared: stored, refused by SYSTEM with the legal basis as
 * the reason (the whole process is recorded), and answered with NOT_SHARED
 * carrying the application's id.
 */
export async function applyForShare(deps: WorkflowDeps, actor: Actor, input: ApplyInput): Promise<ShareApplication> {
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
    deadline: applicationDeadline(now, resources, deps.calendar),
    catalogVersion: deps.catalogVersion,
  };
  const submission = { actorUnit: actor.unit, actorToken: actor.tokenId, reason: null };

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
  return { actorUnit: SYSTEM_ACTOR, actorToken: null, reason, conditions };
}

/** Endorse, approve, reject or withdraw; refusals name who may act (FORBIDDEN) or what is wrong (BAD_USER_INPUT). */
export function act(
  deps: WorkflowDeps, actor: Actor, id: string, action: WorkflowAction, reason: string | null, conditions?: ConditionsInput | null,
): Promise<ShareApplication> {
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
    let decided: { conditions: DecidedConditions | null; grants: ReadonlyArray<GrantDraft> } = { conditions: null, grants: [] };
    if (action === 'APPROVE') {
      const outcome = decideConditions(current, conditions, deps.catalog, unitTree, now);
      if (!outcome.ok) return fail(outcome.error);
      decided = outcome.value;
    } else if (conditions) {
      return fail(errors.badUserInput('conditions', 'only an approval carries conditions.'));
    }
    return {
      to: next.value,
      at: now,
      event: { actorUnit: actor.unit, actorToken: actor.tokenId, reason: given, conditions: decided.conditions },
      grants: decided.grants,
    };
  });
}

/** Revokes a grant as its provider or the city bureau; the change reaches the gateway through the store's change mark. */
export function revokeGrant(deps: WorkflowDeps, actor: Actor, id: string, reason: string): Promise<GrantRecord> {
  return deps.adapter.revokeGrant(id, actor.unit, reason.trim(), (grant) => {
    if (!grant) return fail(errors.badUserInput('id', `there is no grant ${id}.`));
    const may = mayRevokeGrant(grant, actor.unit);
    if (!may.ok) return fail(may.error);
    if (reason.trim() === '') return fail(errors.badUserInput('reason', 'a revocation must give its reason.'));
  });
}
