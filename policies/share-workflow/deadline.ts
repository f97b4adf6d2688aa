import type { CatalogResource } from '../catalog';
import { isOverdue, responseDeadline, type WorkingCalendar } from '../deadlines';
import { isPending } from './state-machine';
import type { ApplicationStatus } from './types';

/**
 * The provider's deadline for an application (Measures 第十五条: data or
 * reasons within 15 days; the catalog may set another period per resource):
 * the earliest of the deadlines of the resources it names, so no resource
 * waits longer than its own catalog entry allows.
 */
export function applicationDeadline(submittedAt: Date, resources: ReadonlyArray<Pick<CatalogResource, 'responseDeadline'>>, calendar: WorkingCalendar): Date {
  const times = resources.map((r) => responseDeadline(submittedAt, r.responseDeadline, calendar).getTime());
  return new Date(Math.min(...times));
}

/** Overdue = still pending (SUBMITTED or ENDORSED) after its deadline. */
export function isApplicationOverdue(application: { readonly status: ApplicationStatus; readonly deadline: Date }, now: Date): boolean {
  return isPending(application.status) && isOverdue(application.deadline, now);
}
