import type { CatalogResource, ResponseDeadline } from '../catalog';
import { isOverdue, responseDeadline, type WorkingCalendar } from '../deadlines';
import { isWithProvider } from './state-machine';
import type { ShareApplication } from './types';

/**
 * The endorser's period: 5 working days from (re)submission. The Measures fix
 * only the provider's 15 days (第十五条) and are silent on the endorsement
 * step (解读之六 says applications go level by level, not how fast), so this
 * is the pool's own default — short against the provider's period, because
 * endorsing is checking need and minimum necessary, not preparing data.
 * Deployments that agree on another period pass it as
 * `GovernanceServicesOptions.endorsementPeriod`.
 */
export const DEFAULT_ENDORSEMENT_PERIOD: ResponseDeadline = Object.freeze({ days: 5, calendar: 'WORKING' });

/**
 * The provider's deadline for an application (Measures 第十五条: data or
 * reasons within 15 days; the catalog may set another period per resource),
 * counted from `reachedAt`, the moment the application reached the provider:
 * its endorsement, or its submission when nobody endorses. The earliest of
 * the deadlines of the resources it names, so no resource waits longer than
 * its own catalog entry allows.
 */
export function applicationDeadline(reachedAt: Date, resources: ReadonlyArray<Pick<CatalogResource, 'responseDeadline'>>, calendar: WorkingCalendar): Date {
  const times = resources.map((r) => responseDeadline(reachedAt, r.responseDeadline, calendar).getTime());
  return new Date(Math.min(...times));
}

/** The endorser's deadline for an application (re)submitted at `submittedAt`. */
export function endorsementDeadline(submittedAt: Date, period: ResponseDeadline, calendar: WorkingCalendar): Date {
  return responseDeadline(submittedAt, period, calendar);
}

type Staged = Pick<ShareApplication, 'status' | 'endorser' | 'endorsementDeadline' | 'decisionDeadline'>;

/**
 * The deadline of the stage the application is in: the endorser's while it
 * awaits endorsement, the provider's once it is with the provider; null when
 * no deadline runs (declined, closed).
 */
export function stageDeadline(application: Staged): Date | null {
  if (isWithProvider(application)) return application.decisionDeadline;
  if (application.status === 'SUBMITTED') return application.endorsementDeadline;
  return null;
}

/** Overdue = awaiting the endorser or the provider after that stage's deadline. */
export function isApplicationOverdue(application: Staged, now: Date): boolean {
  const deadline = stageDeadline(application);
  return deadline !== null && isOverdue(deadline, now);
}
