import type { Person } from './api';

/**
 * What each role may do in the console, as data (Ant Design Pro's access.ts
 * habit): pages stay dumb and ask `can(person, action)`. The pool refuses an
 * action the unit may not take whatever the console shows.
 */
export type ConsoleAction = 'apply' | 'withdraw' | 'endorse' | 'decide' | 'supervise' | 'audit' | 'manageApps';

const actionsOfRole: Readonly<Record<string, ReadonlyArray<ConsoleAction>>> = {
  APPLICANT: ['apply', 'withdraw'],
  ENDORSER: ['endorse'],
  DATA_OFFICER: ['decide'],
  SUPERVISOR: ['supervise', 'audit'],
  AUDITOR: ['audit'],
  APP_ADMIN: ['manageApps'],
};

export function can(person: Person, action: ConsoleAction): boolean {
  return person.roles.some((role) => actionsOfRole[role]?.includes(action));
}
