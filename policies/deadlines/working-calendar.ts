import { chineseHolidays, type HolidayYear } from './chinese-holidays';
import { dayOfIso, isWeekend, yearOf } from './civil-date';

/** Which days count when a deadline is in working days (工作日). */
export interface WorkingCalendar {
  /** Whether the civil date (`2026-02-14`) is a working day. */
  isWorkingDay(isoDate: string): boolean;
  /** Whether the holiday arrangements of the year are known; without them only weekends are off. */
  hasCalendarFor(year: number): boolean;
}

/**
 * A calendar from holiday arrangements: Monday to Friday work, weekends off,
 * except the year's days off and its swapped working weekend days. Checks the
 * data and throws naming the first bad entry, so a typo stops start-up rather
 * than moving deadlines.
 */
export function createWorkingCalendar(years: ReadonlyArray<HolidayYear>): WorkingCalendar {
  const known = new Set<number>();
  const daysOff = new Set<number>();
  const workingWeekendDays = new Set<number>();
  for (const { year, daysOff: ranges, workingWeekendDays: swapped } of years) {
    if (known.has(year)) throw new Error(`holiday year ${year}: listed twice`);
    known.add(year);
    for (const [first, last = first] of ranges) {
      const [from, to] = [inYear(first, year), inYear(last, year)];
      if (to < from) throw new Error(`holiday year ${year}: range ${first}–${last} ends before it starts`);
      for (let day = from; day <= to; day += 1) daysOff.add(day);
    }
    for (const iso of swapped) {
      const day = inYear(iso, year);
      if (!isWeekend(day)) throw new Error(`holiday year ${year}: ${iso} is a working weekend day but not a weekend`);
      workingWeekendDays.add(day);
    }
  }
  return Object.freeze({
    isWorkingDay(isoDate: string): boolean {
      const day = dayOfIso(isoDate);
      if (daysOff.has(day)) return false;
      return !isWeekend(day) || workingWeekendDays.has(day);
    },
    hasCalendarFor: (year: number) => known.has(year),
  });
}

function inYear(iso: string, year: number): number {
  const day = dayOfIso(iso);
  if (yearOf(day) !== year) throw new Error(`holiday year ${year}: ${iso} is not in ${year}`);
  return day;
}

/** The mainland Chinese calendar with the arrangements shipped in `chinese-holidays.ts`. */
export const chineseWorkingCalendar: WorkingCalendar = createWorkingCalendar(chineseHolidays);

/** Whether the shipped calendar knows the year's holidays (operators: add the year before it begins). */
export function hasCalendarFor(year: number): boolean {
  return chineseWorkingCalendar.hasCalendarFor(year);
}
