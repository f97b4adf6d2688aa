/**
 * Date strings as the legacy systems keep them (YYYYMMDD, YYYYMM). Day lists are
 * built once and indexed, so the hot student loop never touches Date.
 */
import type { Random } from './random';

const DAY_MS = 86_400_000;

function formatDay(ms: number): string {
  const d = new Date(ms);
  return String(d.getUTCFullYear()) + String(d.getUTCMonth() + 1).padStart(2, '0')
    + String(d.getUTCDate()).padStart(2, '0');
}

/** Every day from `from` to `to` (YYYYMMDD, inclusive). */
export function daysBetween(from: string, to: string): string[] {
  const start = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(4, 6)) - 1, Number(from.slice(6, 8)));
  const end = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(4, 6)) - 1, Number(to.slice(6, 8)));
  const days: string[] = [];
  for (let ms = start; ms <= end; ms += DAY_MS) days.push(formatDay(ms));
  return days;
}

/**
 * The birth dates of pupils who are `age` on 1 September of `schoolYear`
 * (the rule of policies/standards/grade `birthDateFitsGrade`).
 */
export function birthWindow(schoolYear: number, age: number): string[] {
  return daysBetween(`${schoolYear - age - 1}0902`, `${schoolYear - age}0901`);
}

const yearDays = new Map<number, string[]>();

/** A uniformly random day of `year`. */
export function randomDayOfYear(random: Random, year: number): string {
  let days = yearDays.get(year);
  if (!days) {
    days = daysBetween(`${year}0101`, `${year}1231`);
    yearDays.set(year, days);
  }
  return random.pick(days);
}

export function yearMonth(year: number, month: number): string {
  return String(year) + String(month).padStart(2, '0');
}
