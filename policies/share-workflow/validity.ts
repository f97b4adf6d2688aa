import { dayOf, dayOfIso, endOfDay, isoOf } from '../deadlines/civil-date';

/**
 * Validity dates. Applicants and providers name the last day a grant may be
 * used as an ISO date (`2025-06-30`); the day is Guangzhou's (UTC+8), and the
 * grant ends when that day does. Limits count calendar days from today there.
 */

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = dayOfIso(text);
  return Number.isFinite(day) && isoOf(day) === text;
}

/** The first instant after the named day in Guangzhou: the exclusive end of a grant valid until that day. */
export function endOfChinaDay(isoDate: string): Date {
  return new Date(endOfDay(dayOfIso(isoDate)).getTime() + 1);
}

/** Today's date in Guangzhou. */
export function chinaDate(now: Date): string {
  return isoOf(dayOf(now));
}

/**
 * Why `isoDate` is not a usable last day of validity, or undefined when it is:
 * a real date, today or later, and at most `maxDays` after today.
 */
export function validityProblem(isoDate: string, now: Date, maxDays: number): string | undefined {
  if (!isIsoDate(isoDate)) return `'${isoDate}' is not a date written YYYY-MM-DD.`;
  const today = dayOf(now);
  const day = dayOfIso(isoDate);
  if (day < today) return `${isoDate} has passed (today is ${isoOf(today)}).`;
  if (day > today + maxDays) return `${isoDate} is more than ${maxDays} days away; the catalog allows at most ${isoOf(today + maxDays)}.`;
  return undefined;
}
