import { chineseWorkingCalendar } from '../../deadlines';
import { applicationDeadline, isApplicationOverdue } from '../deadline';

const natural15 = { responseDeadline: { days: 15, calendar: 'NATURAL' as const } };
const working5 = { responseDeadline: { days: 5, calendar: 'WORKING' as const } };

describe('application deadline', () => {
  it('is 15 natural days after the day of submission, at the end of that day in Guangzhou', () => {
    expect(applicationDeadline(new Date('2025-03-03T02:00:00Z'), [natural15], chineseWorkingCalendar)).toEqual(new Date('2025-03-18T15:59:59.999Z'));
  });

  it('is the earliest of its resources\' deadlines (working days skip 国庆 and count the swapped Sunday)', () => {
    // Friday 26 September 2025: Sun 28 Sep is a working day, 1–8 Oct are off.
    const submitted = new Date('2025-09-26T03:00:00Z');
    expect(applicationDeadline(submitted, [working5], chineseWorkingCalendar)).toEqual(new Date('2025-10-10T15:59:59.999Z'));
    expect(applicationDeadline(submitted, [natural15, working5], chineseWorkingCalendar)).toEqual(new Date('2025-10-10T15:59:59.999Z'));
  });
});

describe('overdue', () => {
  const deadline = new Date('2025-03-18T15:59:59.999Z');
  const after = new Date('2025-03-18T16:00:00Z');

  it.each([
    ['SUBMITTED', after, true],
    ['ENDORSED', after, true],
    ['SUBMITTED', deadline, false],
    ['APPROVED', after, false],
    ['REJECTED', after, false],
    ['WITHDRAWN', after, false],
  ] as const)('%s at %s → %s', (status, now, overdue) => expect(isApplicationOverdue({ status, deadline }, now)).toBe(overdue));
});
