import type { ResponseDeadline } from '../../catalog';
import { isOverdue, responseDeadline } from '../response-deadline';
import { chineseWorkingCalendar } from '../working-calendar';

const natural = (days: number): ResponseDeadline => ({ days, calendar: 'NATURAL' });
const working = (days: number): ResponseDeadline => ({ days, calendar: 'WORKING' });
/** The end of a day in Guangzhou. */
const endOf = (isoDate: string): Date => new Date(`${isoDate}T23:59:59.999+08:00`);

describe('responseDeadline', () => {
  test.each<[string, string, ResponseDeadline, string]>([
    ['15 natural days, the default (第十五条)', '2026-03-02T10:00:00+08:00', natural(15), '2026-03-17'],
    ['natural days run through the Spring Festival', '2026-02-10T10:00:00+08:00', natural(15), '2026-02-25'],
    ['natural days across a month end', '2026-01-20T09:00:00+08:00', natural(15), '2026-02-04'],
    ['the day is the Guangzhou day: 17:00 UTC is already the next day', '2026-02-09T17:00:00Z', natural(15), '2026-02-25'],
    ['just before midnight in Guangzhou stays that day', '2026-02-10T15:59:59Z', natural(15), '2026-02-25'],
    // Thu 2/12: Fri 2/13 (1), Sat 2/14 swapped (2), 2/15–2/23 off, 2/24–2/27 (3–6),
    // Sat 2/28 swapped (7), 3/2–3/6 (8–12), 3/9–3/11 (13–15).
    ['15 working days across the 2026 Spring Festival', '2026-02-12T15:00:00+08:00', working(15), '2026-03-11'],
    ['a swapped Saturday counts: Fri 2/13 + 1', '2026-02-13T09:00:00+08:00', working(1), '2026-02-14'],
    ['the holiday does not: Sat 2/14 + 1 → Tue 2/24', '2026-02-14T09:00:00+08:00', working(1), '2026-02-24'],
    ['an ordinary weekend is skipped: Fri 3/6 + 1 → Mon 3/9', '2026-03-06T09:00:00+08:00', working(1), '2026-03-09'],
    ['submitted on a Sunday: Mon to Fri', '2026-03-08T12:00:00+08:00', working(5), '2026-03-13'],
    // Fri 9/26: Sun 9/28 (1), 9/29–9/30 (2–3), 10/1–10/8 off, 10/9–10/10 (4–5), Sat 10/11 (6).
    ['National Day 2025 with its two swapped weekend days', '2025-09-26T09:00:00+08:00', working(6), '2025-10-11'],
    ['2027 has no table: weekends only, New Year\'s Day counted', '2026-12-31T09:00:00+08:00', working(2), '2027-01-04'],
  ])('%s', (_case, submitted, deadline, due) => {
    expect(responseDeadline(new Date(submitted), deadline, chineseWorkingCalendar)).toEqual(endOf(due));
  });
});

describe('isOverdue', () => {
  const due = endOf('2026-02-25');
  test.each([
    ['the last millisecond of the day', '2026-02-25T23:59:59.999+08:00', false],
    ['earlier that day', '2026-02-25T09:00:00+08:00', false],
    ['the next day at midnight', '2026-02-26T00:00:00+08:00', true],
  ])('%s → %s', (_case, now, expected) => {
    expect(isOverdue(due, new Date(now))).toBe(expected);
  });
});
