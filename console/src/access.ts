import type { Person } from './api';

/**
 * What each role may do in the console, as data (Ant Design Pro's access.ts
 * habit): pages stay dumb and ask `can(person, action)`. The pool refuses an
 * action the person or unit may not take whatever the console shows.
 */
export type ConsoleAction =
  | 'apply' | 'withdraw' | 'resubmit' | 'giveUp' | 'endorse' | 'decline' | 'decide' | 'supervise' | 'audit' | 'manageApps';

/** The same table the pool enforces per person (policies/share-workflow/person-roles.ts). */
const actionsOfRole: Readonly<Record<string, ReadonlyArray<ConsoleAction>>> = {
  APPLICANT: ['apply', 'withdraw', 'resubmit', 'giveUp'],
  ENDORSER: ['endorse', 'decline'],
  DATA_OFFICER: ['decide'],
  SUPERVISOR: ['supervise', 'audit'],
  AUDITOR: ['audit'],
  APP_ADMIN: ['manageApps'],
};

export function can(person: Person, action: ConsoleAction): boolean {
  return person.roles.some((role) => actionsOfRole[role]?.includes(action));
}
