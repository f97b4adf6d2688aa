/**
 * The public-holiday arrangements (节假日安排) of the State Council General
 * Office (国务院办公厅), as pure data: days off, and the weekend days that
 * are working days in exchange (调休上班).
 *
 * OPERATORS: the notice for each year comes out in the autumn before. Check
 * every year's table against it and add the next year before it begins; a
 * year missing here is counted with weekends only (`hasCalendarFor`).
 */
export interface HolidayYear {
  readonly year: number;
  /** Days off, as inclusive ranges of ISO dates (a single day is a range of one). */
  readonly daysOff: ReadonlyArray<readonly [string, string?]>;
  /** Saturdays and Sundays that are working days. */
  readonly workingWeekendDays: ReadonlyArray<string>;
}

export const chineseHolidays: ReadonlyArray<HolidayYear> = Object.freeze([
  {
    // 国务院办公厅关于2025年部分节假日安排的通知
    year: 2025,
    daysOff: [
      ['2025-01-01'], // 元旦
      ['2025-01-28', '2025-02-04'], // 春节
      ['2025-04-04', '2025-04-06'], // 清明节
      ['2025-05-01', '2025-05-05'], // 劳动节
      ['2025-05-31', '2025-06-02'], // 端午节
      ['2025-10-01', '2025-10-08'], // 国庆节、中秋节
    ],
    workingWeekendDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    // 国务院办公厅关于2026年部分节假日安排的通知
    year: 2026,
    daysOff: [
      ['2026-01-01', '2026-01-03'], // 元旦
      ['2026-02-15', '2026-02-23'], // 春节
      ['2026-04-04', '2026-04-06'], // 清明节
      ['2026-05-01', '2026-05-05'], // 劳动节
      ['2026-06-19', '2026-06-21'], // 端午节
      ['2026-09-25', '2026-09-27'], // 中秋节
      ['2026-10-01', '2026-10-07'], // 国庆节
    ],
    workingWeekendDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
]);
