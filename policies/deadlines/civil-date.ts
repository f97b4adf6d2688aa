/**
 * Calendar days in Guangzhou's time zone. China has kept UTC+8 without summer
 * time since 1991, so a fixed offset is exact and needs no time-zone data.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A civil date as days since 1970-01-01 (in UTC+8). */
export type DayNumber = number;

export function dayOf(instant: Date): DayNumber {
  return Math.floor((instant.getTime() + OFFSET_MS) / DAY_MS);
}

/** The last millisecond of the day in UTC+8. */
export function endOfDay(day: DayNumber): Date {
  return new Date((day + 1) * DAY_MS - OFFSET_MS - 1);
}

/** `2026-02-14` → its day number; the data tables are written in ISO dates. */
export function dayOfIso(iso: string): DayNumber {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

export function yearOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function isWeekend(day: DayNumber): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isoOf(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
