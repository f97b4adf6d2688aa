import { errors, type ErrorShape } from '../../policies/errors';
import {
  nextObjectionStatus, objectionDeadline, objectionTarget, type Objection, type ObjectionAction,
} from '../../policies/objections';
import { queryRecordAccesses } from '../../store/audit/audit-queries';
import { objectionsRepository, type ObjectionsRepository } from '../../store/objections/objections-repository';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { GovernanceServices } from './resolvers';
import type { Actor } from './workflow';

/**
 * The use cases of 校核纠错 (Measures 第五章: the providing unit answers for
 * the accuracy of what it shares): the pure rules of policies/objections
 * applied to the store. A state-dependent check runs on the locked row in
 * the transaction that changes it, so two answers at once cannot both win.
 */
export interface FileObjectionInput {
  readonly coordinate: string;
  readonly recordId: string;
  readonly reason: string;
  readonly proposedValue?: string | null;
}

const fail = (shape: ErrorShape): never => {
  throw toGraphQLError(shape);
};

const repositories = new WeakMap<GovernanceServices, ObjectionsRepository>();

/** One repository per services object (the store's pool is the services'). */
export function objectionsOf(services: GovernanceServices): ObjectionsRepository {
  let repository = repositories.get(services);
  if (!repository) {
    repository = objectionsRepository(services.store.pool);
    repositories.set(services, repository);
  }
  return repository;
}

/**
 * Only a unit that received the record through the pool may object to it:
 * the audit trail's record accesses are the proof (one indexed look-up). A
 * unit that never received it gets FORBIDDEN, which tells it nothing about
 * whether the record exists.
 */
export async function fileObjection(services: GovernanceServices, actor: Actor, input: FileObjectionInput): Promise<Objection> {
  const target = objectionTarget(input.coordinate.trim(), services.catalog);
  if (!target.ok) return fail(target.error);
  const recordId = input.recordId.trim();
  const reason = input.reason.trim();
  if (recordId === '') fail(errors.badUserInput('input.recordId', 'must name the record (学号 or 工号) the objection is about.'));
  if (reason === '') fail(errors.badUserInput('input.reason', 'must say what is wrong with the field and how the unit knows.'));
  const { recordType, coordinate, resource } = target.value;
  const received = await queryRecordAccesses(services.store.pool, { type: recordType, id: recordId }, 1, actor.unit);
  if (received.length === 0) {
    fail(errors.forbidden(`object to ${recordType} ${recordId}`, 'only a unit that received the record through the pool may file an objection on it.'));
  }
  const filedAt = services.clock.now();
  return objectionsOf(services).file({
    recordType, recordId, coordinate, resource: resource.code, filedBy: actor.unit, provider: resource.provider, reason,
    proposedValue: input.proposedValue?.trim() || null, filedAt,
    deadline: objectionDeadline(filedAt, resource, services.calendar), catalogVersion: services.catalogVersion,
  }, { actorUnit: actor.unit, actorToken: actor.tokenId, reason });
}

/** VERIFY, CORRECT or REJECT by the provider, WITHDRAW by the filer. */
export function actOnObjection(
  services: GovernanceServices, actor: Actor, id: string, action: ObjectionAction, reason: string | null,
): Promise<Objection> {
  const given = reason?.trim() || null;
  return objectionsOf(services).transition(id, (current) => {
    if (!current) return fail(errors.badUserInput('id', `there is no objection ${id}.`));
    const next = nextObjectionStatus(current, action, actor.unit, given);
    if (!next.ok) return fail(next.error);
    return { to: next.value, at: services.clock.now(), step: { actorUnit: actor.unit, actorToken: actor.tokenId, reason: given } };
  });
}
