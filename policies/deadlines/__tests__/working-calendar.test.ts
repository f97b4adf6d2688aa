import { chineseHolidays } from '../chinese-holidays';
import { chineseWorkingCalendar, createWorkingCalendar, hasCalendarFor } from '../working-calendar';

describe('the shipped Chinese calendar', () => {
  test.each([
    ['2025-01-01', false, '元旦'],
    ['2025-01-26', true, 'Sunday worked before 春节'],
    ['2025-01-28', false, '春节 begins'],
    ['2025-02-04', false, '春节 ends'],
    ['2025-02-05', true, 'back to work'],
    ['2025-02-08', true, 'Saturday worked after 春节'],
    ['2025-04-27', true, 'Sunday worked before 劳动节'],
    ['2025-05-05', false, '劳动节 ends'],
    ['2025-06-02', false, '端午节 Monday'],
    ['2025-09-28', true, 'Sunday worked before 国庆'],
    ['2025-10-08', false, '国庆+中秋 ends'],
    ['2025-10-11', true, 'Saturday worked after 国庆'],
    ['2026-01-02', false, '元旦 Friday'],
    ['2026-01-04', true, 'Sunday worked after 元旦'],
    ['2026-02-14', true, 'Saturday worked before 春节'],
    ['2026-02-15', false, '春节 begins'],
    ['2026-02-23', false, '春节 ends (Monday)'],
    ['2026-02-24', true, 'back to work'],
    ['2026-02-28', true, 'Saturday worked after 春节'],
    ['2026-04-06', false, '清明 Monday'],
    ['2026-05-09', true, 'Saturday worked after 劳动节'],
    ['2026-06-19', false, '端午节 Friday'],
    ['2026-09-20', true, 'Sunday worked before 国庆'],
    ['2026-09-25', false, '中秋节 Friday'],
    ['2026-10-07', false, '国庆 ends'],
    ['2026-10-10', true, 'Saturday worked after 国庆'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-03-09', true, 'an ordinary Monday'],
    ['2027-01-01', true, 'a Friday of a year without a table'],
    ['2027-01-02', false, 'a Saturday of a year without a table'],
  ])('%s is a working day: %s (%s)', (day, expected) => {
    expect(chineseWorkingCalendar.isWorkingDay(day)).toBe(expected);
  });

  test.each([[2024, false], [2025, true], [2026, true], [2027, false]])('hasCalendarFor(%i) = %s', (year, expected) => {
    expect(hasCalendarFor(year)).toBe(expected);
  });

  test('ships 2025 and 2026', () => {
    expect(chineseHolidays.map((y) => y.year)).toEqual([2025, 2026]);
  });
});

describe('createWorkingCalendar checks its data', () => {
  test.each([
    ['a year twice', [{ year: 2026, daysOff: [], workingWeekendDays: [] }, { year: 2026, daysOff: [], workingWeekendDays: [] }], /holiday year 2026: listed twice/],
    ['a day in another year', [{ year: 2026, daysOff: [['2025-10-01'] as const], workingWeekendDays: [] }], /2025-10-01 is not in 2026/],
    ['a range backwards', [{ year: 2026, daysOff: [['2026-10-07', '2026-10-01'] as const], workingWeekendDays: [] }], /ends before it starts/],
    ['a working "weekend" day on a Monday', [{ year: 2026, daysOff: [], workingWeekendDays: ['2026-03-09'] }], /2026-03-09 is a working weekend day but not a weekend/],
    ['a date that is not ISO', [{ year: 2026, daysOff: [['2026/10/01'] as const], workingWeekendDays: [] }], /not an ISO date: 2026\/10\/01/],
  ])('rejects %s', (_case, years, message) => {
    expect(() => createWorkingCalendar(years)).toThrow(message);
  });
});
