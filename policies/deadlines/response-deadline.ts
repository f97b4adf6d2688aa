import type { ResponseDeadline } from '../catalog';
import { dayOf, endOfDay, isoOf } from './civil-date';
import type { WorkingCalendar } from './working-calendar';

/**
 * When the provider must have answered a share application: 15 days from
 * submission unless the catalog resource says otherwise (Measures 第十五条:
 * the provider supplies the data or gives its reasons within 15 days).
 *
 * The day of submission is not counted. NATURAL adds calendar days; WORKING
 * counts working days on `calendar`. The deadline is the end of the last day
 * in Guangzhou (UTC+8), so an answer any time that day is in time.
 */
export function responseDeadline(submittedAt: Date, deadline: ResponseDeadline, calendar: WorkingCalendar): Date {
  const submitted = dayOf(submittedAt);
  if (deadline.calendar === 'NATURAL') return endOfDay(submitted + deadline.days);
  let day = submitted;
  for (let counted = 0; counted < deadline.days; ) {
    day += 1;
    if (calendar.isWorkingDay(isoOf(day))) counted += 1;
  }
  return endOfDay(day);
}

/** True once the deadline has passed; the caller decides whether the application is still pending. */
export function isOverdue(deadline: Date, now: Date): boolean {
  return now.getTime() > deadline.getTime();
}
