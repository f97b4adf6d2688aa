import { chineseWorkingCalendar } from '../../deadlines';
import { applicationDeadline, DEFAULT_ENDORSEMENT_PERIOD, endorsementDeadline, isApplicationOverdue, stageDeadline } from '../deadline';
import type { ShareApplication } from '../types';

const natural15 = { responseDeadline: { days: 15, calendar: 'NATURAL' as const } };
const working5 = { responseDeadline: { days: 5, calendar: 'WORKING' as const } };

describe('the provider\'s deadline', () => {
  it('is 15 natural days after the day the application reached it, at the end of that day in Guangzhou', () => {
    expect(applicationDeadline(new Date('2025-03-03T02:00:00Z'), [natural15], chineseWorkingCalendar)).toEqual(new Date('2025-03-18T15:59:59.999Z'));
  });

  it('is the earliest of its resources\' deadlines (working days skip 国庆 and count the swapped Sunday)', () => {
    // Friday 26 September 2025: Sun 28 Sep is a working day, 1–8 Oct are off.
    const reached = new Date('2025-09-26T03:00:00Z');
    expect(applicationDeadline(reached, [working5], chineseWorkingCalendar)).toEqual(new Date('2025-10-10T15:59:59.999Z'));
    expect(applicationDeadline(reached, [natural15, working5], chineseWorkingCalendar)).toEqual(new Date('2025-10-10T15:59:59.999Z'));
  });
});

describe('the endorser\'s deadline', () => {
  it.each([
    ['Monday 3 March 2025: the next Monday', '2025-03-03T02:00:00Z', '2025-03-10T15:59:59.999Z'],
    ['Friday 26 September 2025: over 国庆, the swapped Sunday counted', '2025-09-26T03:00:00Z', '2025-10-10T15:59:59.999Z'],
    ['Thursday 30 April 2026: over 劳动节, the swapped Saturday 9 May counted', '2026-04-30T03:00:00Z', '2026-05-11T15:59:59.999Z'],
  ])('is 5 working days by default — %s', (_name, submitted, deadline) => {
    expect(endorsementDeadline(new Date(submitted), DEFAULT_ENDORSEMENT_PERIOD, chineseWorkingCalendar)).toEqual(new Date(deadline));
  });

  it('follows a configured period', () => {
    expect(endorsementDeadline(new Date('2025-03-03T02:00:00Z'), { days: 3, calendar: 'NATURAL' }, chineseWorkingCalendar))
      .toEqual(new Date('2025-03-06T15:59:59.999Z'));
  });
});

describe('the stage deadline and overdue', () => {
  const endorsement = new Date('2025-03-10T15:59:59.999Z');
  const decision = new Date('2025-03-25T15:59:59.999Z');
  const after = (d: Date) => new Date(d.getTime() + 1);
  type Staged = Pick<ShareApplication, 'status' | 'endorser' | 'endorsementDeadline' | 'decisionDeadline'>;
  const awaitingEndorser: Staged = { status: 'SUBMITTED', endorser: '440106', endorsementDeadline: endorsement, decisionDeadline: null };
  const endorsed: Staged = { status: 'ENDORSED', endorser: '440106', endorsementDeadline: endorsement, decisionDeadline: decision };
  const straightToProvider: Staged = { status: 'SUBMITTED', endorser: null, endorsementDeadline: null, decisionDeadline: decision };

  it.each([
    ['awaiting the endorser: the endorser\'s', awaitingEndorser, endorsement],
    ['endorsed: the provider\'s', endorsed, decision],
    ['no endorser: the provider\'s from submission', straightToProvider, decision],
    ['declined: none runs', { ...awaitingEndorser, status: 'DECLINED' } as Staged, null],
    ['approved: none runs', { ...endorsed, status: 'APPROVED' } as Staged, null],
  ])('%s', (_name, application, deadline) => expect(stageDeadline(application)).toEqual(deadline));

  it.each([
    ['awaiting the endorser past its deadline', awaitingEndorser, after(endorsement), true],
    ['awaiting the endorser at its deadline', awaitingEndorser, endorsement, false],
    ['endorsed, past the endorser\'s deadline but within the provider\'s', endorsed, after(endorsement), false],
    ['endorsed, past the provider\'s deadline', endorsed, after(decision), true],
    ['no endorser, past the provider\'s deadline', straightToProvider, after(decision), true],
    ['declined long ago: the applicant has no deadline', { ...awaitingEndorser, status: 'DECLINED' } as Staged, after(decision), false],
    ['withdrawn', { ...endorsed, status: 'WITHDRAWN' } as Staged, after(decision), false],
    ['rejected', { ...endorsed, status: 'REJECTED' } as Staged, after(decision), false],
  ])('%s → overdue %s', (_name, application, now, overdue) => expect(isApplicationOverdue(application, now)).toBe(overdue));
});
