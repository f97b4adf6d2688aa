import { responseDeadline } from '../../../policies/deadlines';
import {
  APPLICATION, APPLY, catalog, dataOf, DECIDE, DECLINE, ENDORSE, errorOf, GIVE_UP, identityInput, openFixture, RESUBMIT, REVOKE, STAGES, START,
  TIANHE_SCHOOL, WITHDRAW, type Fixture,
} from './harness';

/** The sharing workflow end to end over HTTP, as the gateway would call it for each unit. */
describe('sharing workflow on the governance subgraph', () => {
  let f: Fixture;
  beforeAll(async () => { f = await openFixture(); });
  afterAll(() => f.close());

  const apply = async (unit: string, input: Record<string, unknown>) => dataOf(await f.call(unit, APPLY, { input })).applyForShare;

  it('sends a partner\'s conditional application straight to the provider, with its deadline', async () => {
    const application = await apply('GZGAJ', identityInput);
    expect(application).toMatchObject({
      applicant: 'GZGAJ', resources: ['GZJY-XS-002'], fields: ['Student.idNumber', 'Student.studentNumber'], rowScope: ['440106'],
      status: 'SUBMITTED', endorser: null, provider: '440100', awaitingUnit: '440100', overdue: false, decidedAt: null, grant: null, grants: [],
      validUntil: '2025-06-30T16:00:00.000Z',
    });
    const submittedAt = new Date(application.submittedAt);
    expect(application.deadline).toBe(responseDeadline(submittedAt, catalog.byCode('GZJY-XS-002')!.responseDeadline, { isWorkingDay: () => true, hasCalendarFor: () => true }).toISOString());
    expect(application.deadline).toBe('2025-03-18T15:59:59.999Z');
    expect(application.history).toEqual([{
      seq: 1, fromStatus: null, toStatus: 'SUBMITTED', actor: 'GZGAJ', actorToken: 'token-of-GZGAJ', at: application.submittedAt, reason: null, conditions: null,
    }]);
  });

  it('approves with masks and row scope: the grant carries them, and the applicant sees them in myAccess', async () => {
    const { id } = await apply('GZGAJ', identityInput);
    const conditions = {
      fields: ['Student.idNumber'], rowScope: [TIANHE_SCHOOL], purpose: '天河区入学资格核验', validUntil: '2025-05-31',
      masks: [{ coordinate: 'Student.idNumber', mask: 'ID_NUMBER_REGION_AND_CHECK' }],
    };
    const decided = dataOf(await f.call('440100', DECIDE, { id, decision: 'APPROVE', conditions, reason: '同意，按最小必要提供' })).decideShareApplication;
    expect(decided).toMatchObject({ status: 'APPROVED', awaitingUnit: null, grants: [{ resource: 'GZJY-XS-002' }] });
    expect(decided.decidedAt).toBe(decided.history[1].at);
    expect(decided.grant).toMatchObject({
      grantee: 'GZGAJ', provider: '440100', resource: 'GZJY-XS-002', fields: ['Student.idNumber'], rowScope: [TIANHE_SCHOOL],
      masks: [{ coordinate: 'Student.idNumber', mask: 'ID_NUMBER_REGION_AND_CHECK' }], purpose: '天河区入学资格核验',
      validFrom: decided.decidedAt, validUntil: '2025-05-31T16:00:00.000Z', active: true, revokedAt: null, version: 1,
    });
    expect(decided.history[1]).toEqual({
      seq: 2, fromStatus: 'SUBMITTED', toStatus: 'APPROVED', actor: '440100', actorToken: 'token-of-440100', at: decided.decidedAt,
      reason: '同意，按最小必要提供', conditions: { ...conditions, validUntil: '2025-05-31T16:00:00.000Z' },
    });

    const access = dataOf(await f.call('GZGAJ', '{ myAccess { coordinate status resource shareType conditions { mask rowScope purpose validUntil grantId } } }')).myAccess;
    const byCoordinate = new Map(access.map((entry: { coordinate: string }) => [entry.coordinate, entry]));
    expect(byCoordinate.get('Student.idNumber')).toEqual({
      coordinate: 'Student.idNumber', status: 'GRANTED', resource: 'GZJY-XS-002', shareType: 'CONDITIONAL',
      conditions: [{ mask: 'ID_NUMBER_REGION_AND_CHECK', rowScope: [TIANHE_SCHOOL], purpose: '天河区入学资格核验', validUntil: '2025-05-31T16:00:00.000Z', grantId: decided.grant.id }],
    });
    expect(byCoordinate.get('Student.studentNumber')).toMatchObject({ status: 'APPLYABLE', conditions: [] });
  });

  it('routes a school\'s application through its district: only 440106 endorses, only then the provider decides', async () => {
    const { id } = await apply(TIANHE_SCHOOL, { ...identityInput, rowScope: [TIANHE_SCHOOL] });
    const early = errorOf(await f.call('440100', DECIDE, { id, decision: 'APPROVE' }));
    expect(early.extensions.code).toBe('FORBIDDEN');
    expect(early.message).toContain('it awaits endorsement by 440106 first');
    const wrong = errorOf(await f.call('440104', ENDORSE, { id, reason: '同意' }));
    expect(wrong).toEqual({ message: `Your unit may not endorse share application ${id}: only the applicant's superior education department 440106 may.`, extensions: { code: 'FORBIDDEN' } });

    const endorsed = dataOf(await f.call('440106', ENDORSE, { id, reason: '确有需要，同意上报' })).endorseShareApplication;
    expect(endorsed).toMatchObject({ status: 'ENDORSED', endorser: '440106', awaitingUnit: '440100' });

    const noReason = errorOf(await f.call('440100', DECIDE, { id, decision: 'REJECT' }));
    expect(noReason.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'reason' });
    const rejected = dataOf(await f.call('440100', DECIDE, { id, decision: 'REJECT', reason: '学校已掌握本校学生身份信息，无需共享' })).decideShareApplication;
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.grants).toEqual([]);
    expect(rejected.history.map((e: Record<string, unknown>) => [e.seq, e.fromStatus, e.toStatus, e.actor, e.reason])).toEqual([
      [1, null, 'SUBMITTED', TIANHE_SCHOOL, null],
      [2, 'SUBMITTED', 'ENDORSED', '440106', '确有需要，同意上报'],
      [3, 'ENDORSED', 'REJECTED', '440100', '学校已掌握本校学生身份信息，无需共享'],
    ]);
    expect(rejected.history.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('lets only the applicant withdraw, and a withdrawn application can no longer be decided', async () => {
    const { id } = await apply('GZGAJ', identityInput);
    expect(errorOf(await f.call('440100', WITHDRAW, { id })).message).toContain('only the applicant GZGAJ may');
    const withdrawn = dataOf(await f.call('GZGAJ', WITHDRAW, { id, reason: '需求取消' })).withdrawShareApplication;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', awaitingUnit: null });
    expect(withdrawn.history[1]).toMatchObject({ fromStatus: 'SUBMITTED', toStatus: 'WITHDRAWN', actor: 'GZGAJ', reason: '需求取消' });
    const late = errorOf(await f.call('440100', DECIDE, { id, decision: 'APPROVE' }));
    expect(late).toEqual({ message: `Argument id: share application ${id} is already WITHDRAWN; a closed application cannot be changed.`, extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
  });

  it('revokes a grant as the provider only; the grantee cannot', async () => {
    const { id } = await apply('GZWJW', { ...identityInput, fields: ['Student.studentNumber'] });
    const { grant } = dataOf(await f.call('440100', DECIDE, { id, decision: 'APPROVE' })).decideShareApplication;
    const refused = errorOf(await f.call('GZWJW', REVOKE, { id: grant.id, reason: '不再需要' }));
    expect(refused.message).toBe(`Your unit may not revoke grant ${grant.id}: only its provider, the city bureau 440100, may.`);
    const revoked = dataOf(await f.call('440100', REVOKE, { id: grant.id, reason: '发现超范围使用' })).revokeGrant;
    expect(revoked).toMatchObject({ id: grant.id, active: false, revokedBy: '440100', revokeReason: '发现超范围使用', version: 2 });
    const held = dataOf(await f.call('GZWJW', '{ grants(filter: { mine: true, active: true }) { id } }')).grants;
    expect(held).toEqual([]);
    const again = errorOf(await f.call('440100', REVOKE, { id: grant.id, reason: '再次撤销' }));
    expect(again.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('grants an unconditional resource at once, recording SYSTEM as the approver', async () => {
    const application = await apply(TIANHE_SCHOOL, { resources: ['GZJY-JS-003'], fields: ['Teacher.title'], purpose: '', validUntil: '2025-12-31' });
    expect(application).toMatchObject({ status: 'APPROVED', endorser: null, awaitingUnit: null });
    expect(application.history.map((e: Record<string, unknown>) => [e.toStatus, e.actor, e.actorToken])).toEqual([
      ['SUBMITTED', TIANHE_SCHOOL, `token-of-${TIANHE_SCHOOL}`], ['APPROVED', 'SYSTEM', null],
    ]);
    expect(application.grant).toMatchObject({ resource: 'GZJY-JS-003', fields: ['Teacher.title'], rowScope: [], masks: [], active: true });
  });

  it('refuses a not-shared resource with its legal basis, and records the refusal', async () => {
    const answer = await f.call('GZWJW', APPLY, { input: { resources: ['GZJY-XS-006'], fields: ['Student.healthStatus'], purpose: '学生健康监测', validUntil: '2025-06-30' } });
    const error = errorOf(answer);
    const basis = catalog.byCode('GZJY-XS-006')!.legalBasis!;
    expect(error.extensions).toEqual({ code: 'NOT_SHARED', coordinate: 'Student.healthStatus', resource: 'GZJY-XS-006', legalBasis: basis, applicationId: expect.any(String) });
    const recorded = dataOf(await f.call('GZWJW', APPLICATION, { id: error.extensions.applicationId })).shareApplication;
    expect(recorded).toMatchObject({ status: 'REJECTED', grants: [] });
    expect(recorded.history[1]).toMatchObject({ fromStatus: 'SUBMITTED', toStatus: 'REJECTED', actor: 'SYSTEM', reason: `GZJY-XS-006 不予共享 not shared. ${basis}` });
  });

  it('refuses conditions looser than the catalog allows, naming the argument, and leaves the application pending', async () => {
    const { id } = await apply('GZGAJ', identityInput);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ masks: [{ coordinate: 'Student.studentNumber', mask: 'NAME' }] }, 'conditions.masks'],
      [{ validUntil: '2025-07-31' }, 'conditions.validUntil'],
      [{ rowScope: ['440104'] }, 'conditions.rowScope'],
      [{ fields: ['Student.name'] }, 'conditions.fields'],
    ];
    for (const [conditions, argument] of cases) {
      const error = errorOf(await f.call('440100', DECIDE, { id, decision: 'APPROVE', conditions }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    const still = dataOf(await f.call('GZGAJ', APPLICATION, { id })).shareApplication;
    expect(still).toMatchObject({ status: 'SUBMITTED', grants: [] });
    expect(still.history).toHaveLength(1);
  });

  it('refuses an application for fields of resources it does not name (minimum necessary)', async () => {
    const error = errorOf(await f.call('GZGAJ', APPLY, { input: { ...identityInput, fields: ['Student.idNumber', 'Student.phone'] } }));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input.fields', coordinate: 'Student.phone' });
  });

  it('lets only the parties and the city bureau read an application', async () => {
    const { id } = await apply('GZGAJ', identityInput);
    expect(dataOf(await f.call('440100', APPLICATION, { id })).shareApplication.id).toBe(id);
    expect(errorOf(await f.call('GZWJW', APPLICATION, { id })).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('starts on the fixture\'s clock', () => expect(f.t.clock.now().getTime()).toBeGreaterThanOrEqual(START.getTime()));
});

/**
 * Decline, resubmit, withdraw, give up and the two stage deadlines. The
 * clock starts on Monday 3 March 2025, 10:00 in Guangzhou; each case sets the
 * day it needs.
 */
describe('stages of the sharing workflow', () => {
  let f: Fixture;
  beforeAll(async () => { f = await openFixture(); });
  afterAll(() => f.close());

  const at = (iso: string) => f.t.clock.set(new Date(iso));
  const schoolInput = { ...identityInput, rowScope: [TIANHE_SCHOOL] };
  const apply = async (unit: string, input: Record<string, unknown>) => dataOf(await f.call(unit, APPLY, { input })).applyForShare;
  const stages = async (unit: string, id: string) => dataOf(await f.call(unit, STAGES, { id })).shareApplication;

  it('runs the endorser\'s clock from submission, and the provider\'s only from endorsement', async () => {
    at('2025-03-03T02:00:00Z');
    const { id } = await apply(TIANHE_SCHOOL, schoolInput);
    // Five working days: Monday 3 March → Monday 10 March; the provider's clock has not started.
    expect(await stages(TIANHE_SCHOOL, id)).toMatchObject({
      status: 'SUBMITTED', endorsementDeadline: '2025-03-10T15:59:59.999Z', decisionDeadline: null, deadline: '2025-03-10T15:59:59.999Z', overdue: false,
    });
    at('2025-03-10T16:00:00Z');
    expect((await stages(TIANHE_SCHOOL, id)).overdue).toBe(true);
    const overdue = dataOf(await f.call('440106', '{ shareApplications(filter: { role: AWAITING_ME, overdue: true }) { id } }')).shareApplications;
    expect(overdue.map((a: { id: string }) => a.id)).toContain(id);

    // Endorsed late on Wednesday 12 March: the provider has its full 15 days from then (第十五条), not from submission.
    at('2025-03-12T02:00:00Z');
    dataOf(await f.call('440106', ENDORSE, { id }));
    expect(await stages('440100', id)).toMatchObject({
      status: 'ENDORSED', endorsementDeadline: '2025-03-10T15:59:59.999Z', decisionDeadline: '2025-03-27T15:59:59.999Z',
      deadline: '2025-03-27T15:59:59.999Z', overdue: false,
    });
    at('2025-03-27T16:00:00Z');
    expect((await stages('440100', id)).overdue).toBe(true);
  });

  it('lets the endorser decline with reasons: back to the applicant, recorded, no deadline running, nobody else may act on it', async () => {
    at('2025-03-03T02:00:00Z');
    const { id } = await apply(TIANHE_SCHOOL, schoolInput);
    const noReason = errorOf(await f.call('440106', DECLINE, { id, reason: '  ' }));
    expect(noReason.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'reason' });
    expect(errorOf(await f.call('440104', DECLINE, { id, reason: '不同意' })).message)
      .toBe(`Your unit may not decline share application ${id}: only the applicant's superior education department 440106 may.`);

    at('2025-03-04T02:00:00Z');
    const declined = dataOf(await f.call('440106', DECLINE, { id, reason: '学号不属于最小必要，请删去' })).declineShareApplication;
    expect(declined).toMatchObject({ status: 'DECLINED', awaitingUnit: TIANHE_SCHOOL, decidedAt: null, overdue: false });
    expect(declined.history[1]).toMatchObject({
      seq: 2, fromStatus: 'SUBMITTED', toStatus: 'DECLINED', actor: '440106', actorToken: 'token-of-440106', at: expect.stringMatching(/^2025-03-04T02:00/), reason: '学号不属于最小必要，请删去',
    });
    const mine = dataOf(await f.call(TIANHE_SCHOOL, '{ shareApplications(filter: { role: AWAITING_ME }) { id status } }')).shareApplications;
    expect(mine).toContainEqual({ id, status: 'DECLINED' });
    at('2025-04-30T02:00:00Z');
    expect((await stages(TIANHE_SCHOOL, id)).overdue).toBe(false);

    expect(errorOf(await f.call('440106', ENDORSE, { id })).message).toContain('was declined (退回) by its endorser; resubmit or withdraw it first.');
    expect(errorOf(await f.call('440100', DECIDE, { id, decision: 'APPROVE' })).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(errorOf(await f.call('440106', DECLINE, { id, reason: '再次退回' })).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('lets the applicant resubmit a declined application, amending its terms, and restarts the endorser\'s clock', async () => {
    at('2025-03-03T02:00:00Z');
    const { id } = await apply(TIANHE_SCHOOL, schoolInput);
    const pending = errorOf(await f.call(TIANHE_SCHOOL, RESUBMIT, { id }));
    expect(pending.message).toBe(`Argument id: share application ${id} is SUBMITTED, not declined; only a declined application is resubmitted.`);
    dataOf(await f.call('440106', DECLINE, { id, reason: '学号不属于最小必要，请删去' }));

    expect(errorOf(await f.call('440106', RESUBMIT, { id })).message).toContain(`only the applicant ${TIANHE_SCHOOL} may`);
    const wider = errorOf(await f.call(TIANHE_SCHOOL, RESUBMIT, { id, amendments: { fields: ['Student.name'] } }));
    expect(wider.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'amendments.fields', coordinate: 'Student.name' });

    at('2025-03-05T02:00:00Z');
    const amendments = { fields: ['Student.idNumber'], purpose: '本校新生入学资格核验', validUntil: '2025-05-31' };
    const resubmitted = dataOf(await f.call(TIANHE_SCHOOL, RESUBMIT, { id, amendments, reason: '已删去学号' })).resubmitShareApplication;
    expect(resubmitted).toMatchObject({
      status: 'SUBMITTED', awaitingUnit: '440106', fields: ['Student.idNumber'], purpose: '本校新生入学资格核验', rowScope: [TIANHE_SCHOOL],
      validUntil: '2025-05-31T16:00:00.000Z',
    });
    // The submission stays when it was first made; only the endorser's clock restarts.
    expect(resubmitted.submittedAt).toBe(resubmitted.history[0].at);
    // Wednesday 5 March + 5 working days = Wednesday 12 March.
    expect(await stages(TIANHE_SCHOOL, id)).toMatchObject({ endorsementDeadline: '2025-03-12T15:59:59.999Z', decisionDeadline: null });
    expect(resubmitted.history.map((e: Record<string, unknown>) => [e.seq, e.fromStatus, e.toStatus, e.actor, e.reason])).toEqual([
      [1, null, 'SUBMITTED', TIANHE_SCHOOL, null],
      [2, 'SUBMITTED', 'DECLINED', '440106', '学号不属于最小必要，请删去'],
      [3, 'DECLINED', 'SUBMITTED', TIANHE_SCHOOL, '已删去学号'],
    ]);

    dataOf(await f.call('440106', ENDORSE, { id, reason: '同意上报' }));
    const approved = dataOf(await f.call('440100', DECIDE, { id, decision: 'APPROVE' })).decideShareApplication;
    expect(approved.grant).toMatchObject({ fields: ['Student.idNumber'], purpose: '本校新生入学资格核验', validUntil: '2025-05-31T16:00:00.000Z' });
  });

  it('lets the applicant withdraw a declined or an endorsed application, and nothing after', async () => {
    at('2025-03-03T02:00:00Z');
    const declined = await apply(TIANHE_SCHOOL, schoolInput);
    dataOf(await f.call('440106', DECLINE, { id: declined.id, reason: '请说明用途' }));
    const withdrawn = dataOf(await f.call(TIANHE_SCHOOL, WITHDRAW, { id: declined.id, reason: '不再需要' })).withdrawShareApplication;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', awaitingUnit: null, decidedAt: withdrawn.history[2].at });
    expect(withdrawn.history[2]).toMatchObject({ fromStatus: 'DECLINED', toStatus: 'WITHDRAWN', reason: '不再需要' });
    expect(errorOf(await f.call(TIANHE_SCHOOL, RESUBMIT, { id: declined.id })).message).toContain('is already WITHDRAWN');

    const endorsed = await apply(TIANHE_SCHOOL, schoolInput);
    dataOf(await f.call('440106', ENDORSE, { id: endorsed.id }));
    expect(dataOf(await f.call(TIANHE_SCHOOL, WITHDRAW, { id: endorsed.id })).withdrawShareApplication.status).toBe('WITHDRAWN');
  });

  it('lets a grantee give up a grant: it ends at once, is recorded, and the gateways are told', async () => {
    at('2025-03-03T02:00:00Z');
    const { id } = await apply('GZWJW', { ...identityInput, fields: ['Student.studentNumber'] });
    const { grant } = dataOf(await f.call('440100', DECIDE, { id, decision: 'APPROVE' })).decideShareApplication;
    expect(errorOf(await f.call('440100', GIVE_UP, { id: grant.id })).message).toBe(`Your unit may not give up grant ${grant.id}: only its grantee GZWJW may.`);

    const before = f.announced.length;
    const givenUp = dataOf(await f.call('GZWJW', GIVE_UP, { id: grant.id, reason: '核验已完成' })).giveUpGrant;
    expect(givenUp).toMatchObject({ id: grant.id, active: false, givenUp: true, revokedBy: 'GZWJW', revokeReason: '核验已完成', version: 2 });
    expect(f.announced.slice(before)).toEqual(['GZWJW']);
    expect(dataOf(await f.call('GZWJW', '{ grants(filter: { mine: true, active: true }) { id } }')).grants).toEqual([]);
    const access = dataOf(await f.call('GZWJW', '{ myAccess { coordinate status } }')).myAccess;
    expect(access.find((e: { coordinate: string }) => e.coordinate === 'Student.studentNumber').status).toBe('APPLYABLE');

    expect(errorOf(await f.call('GZWJW', GIVE_UP, { id: grant.id })).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(errorOf(await f.call('440100', REVOKE, { id: grant.id, reason: '撤销' })).message).toContain('already revoked');
  });
});

/** A signed-in person acts for the unit only with the role the step takes; tokens without a person keep the unit's checks. */
describe('roles of the signed-in person', () => {
  let f: Fixture;
  const people: Record<string, string> = {};
  beforeAll(async () => {
    f = await openFixture();
    const roles = {
      clerk: [TIANHE_SCHOOL, ['APPLICANT']], schoolAdmin: [TIANHE_SCHOOL, ['APP_ADMIN']], review: ['440106', ['ENDORSER']],
      guest: ['440106', []], districtClerk: ['440106', ['APPLICANT', 'AUDITOR']], data: ['440100', ['DATA_OFFICER']],
      supervisor: ['440100', ['SUPERVISOR']], cityReview: ['440100', ['ENDORSER']],
    } as const;
    for (const [name, [unit, held]] of Object.entries(roles)) people[name] = await f.addPerson(unit, `${unit}.${name}`, held);
  });
  afterAll(() => f.close());

  const as = (person: string, unit: string, query: string, variables: Record<string, unknown> = {}) => f.call(unit, query, variables, people[person]);
  const refusal = async (person: string, unit: string, query: string, variables: Record<string, unknown>) => errorOf(await as(person, unit, query, variables));

  it('lets each role take its own step, and records the person on every event', async () => {
    const { id } = dataOf(await as('clerk', TIANHE_SCHOOL, APPLY, { input: { ...identityInput, rowScope: [TIANHE_SCHOOL] } })).applyForShare;
    dataOf(await as('review', '440106', DECLINE, { id, reason: '请缩小字段' }));
    dataOf(await as('clerk', TIANHE_SCHOOL, RESUBMIT, { id, amendments: { fields: ['Student.idNumber'] } }));
    dataOf(await as('review', '440106', ENDORSE, { id }));
    const approved = dataOf(await as('data', '440100', DECIDE, { id, decision: 'APPROVE' })).decideShareApplication;
    const history = dataOf(await f.call(TIANHE_SCHOOL, `query($id: ID!) { shareApplication(id: $id) { history { toStatus actor actorPerson actorPersonName } } }`, { id }))
      .shareApplication.history;
    expect(history).toEqual([
      { toStatus: 'SUBMITTED', actor: TIANHE_SCHOOL, actorPerson: people.clerk, actorPersonName: `${TIANHE_SCHOOL}.clerk` },
      { toStatus: 'DECLINED', actor: '440106', actorPerson: people.review, actorPersonName: '440106.review' },
      { toStatus: 'SUBMITTED', actor: TIANHE_SCHOOL, actorPerson: people.clerk, actorPersonName: `${TIANHE_SCHOOL}.clerk` },
      { toStatus: 'ENDORSED', actor: '440106', actorPerson: people.review, actorPersonName: '440106.review' },
      { toStatus: 'APPROVED', actor: '440100', actorPerson: people.data, actorPersonName: '440100.data' },
    ]);
    const given = dataOf(await as('clerk', TIANHE_SCHOOL, GIVE_UP, { id: approved.grant.id })).giveUpGrant;
    expect(given).toMatchObject({ givenUp: true, revokedByPerson: people.clerk });
  });

  it.each([
    ['a person with no role applies', 'guest', '440106', 'apply for data', '经办人 (APPLICANT)'],
    ['an app administrator applies', 'schoolAdmin', TIANHE_SCHOOL, 'apply for data', '经办人 (APPLICANT)'],
  ])('refuses %s: FORBIDDEN, naming the role and who assigns it', async (_name, person, unit, action, role) => {
    const error = await refusal(person, unit, APPLY, { input: { ...identityInput, rowScope: [TIANHE_SCHOOL] } });
    expect(error).toEqual({
      message: `You may not ${action}: it takes the role ${role} in unit ${unit}, which you do not hold. Your unit's 应用管理员 (APP_ADMIN) assigns roles in the console.`,
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses every step to a person without its role, before looking at the application', async () => {
    const { id } = dataOf(await as('clerk', TIANHE_SCHOOL, APPLY, { input: { ...identityInput, rowScope: [TIANHE_SCHOOL] } })).applyForShare;
    const cases: Array<[string, string, string, Record<string, unknown>, string]> = [
      ['guest', '440106', ENDORSE, { id }, '审核人 (ENDORSER)'],
      ['guest', '440106', DECLINE, { id, reason: '不同意' }, '审核人 (ENDORSER)'],
      ['districtClerk', '440106', ENDORSE, { id }, '审核人 (ENDORSER)'],
      ['schoolAdmin', TIANHE_SCHOOL, WITHDRAW, { id }, '经办人 (APPLICANT)'],
      ['schoolAdmin', TIANHE_SCHOOL, RESUBMIT, { id }, '经办人 (APPLICANT)'],
      ['cityReview', '440100', DECIDE, { id, decision: 'APPROVE' }, '数据管理员 (DATA_OFFICER)'],
      ['review', '440106', REVOKE, { id: 'no-such-grant', reason: '撤销' }, '数据管理员 (DATA_OFFICER) in unit 440106'],
      ['cityReview', '440100', REVOKE, { id: 'no-such-grant', reason: '撤销' }, '数据管理员 (DATA_OFFICER) or 监督员 (SUPERVISOR)'],
      ['schoolAdmin', TIANHE_SCHOOL, GIVE_UP, { id: 'no-such-grant' }, '经办人 (APPLICANT)'],
    ];
    for (const [person, unit, mutation, variables, role] of cases) {
      const error = await refusal(person, unit, mutation, variables);
      expect([person, error.extensions.code, error.message]).toEqual([person, 'FORBIDDEN', expect.stringContaining(`it takes the role ${role}`)]);
    }
    expect((await f.call(TIANHE_SCHOOL, APPLICATION, { id })).data?.shareApplication).toMatchObject({ status: 'SUBMITTED', history: [{ seq: 1 }] });
  });

  it('refuses every step to an app: apps read, people decide', async () => {
    const app = { client: 'app_registered_reader' };
    const { id } = dataOf(await f.call(TIANHE_SCHOOL, APPLY, { input: { ...identityInput, rowScope: [TIANHE_SCHOOL] } })).applyForShare;
    const steps: ReadonlyArray<readonly [string, string, string, Record<string, unknown>]> = [
      ['apply for data', TIANHE_SCHOOL, APPLY, { input: { ...identityInput, rowScope: [TIANHE_SCHOOL] } }],
      ['endorse a share application', '440106', ENDORSE, { id }],
      ['decline a share application', '440106', DECLINE, { id, reason: '由应用提交' }],
      ['approve a share application', '440100', DECIDE, { id, decision: 'APPROVE' }],
    ];
    for (const [verb, unit, mutation, variables] of steps) {
      const error = errorOf(await f.call(unit, mutation, variables, app));
      expect([verb, error.extensions.code, error.message]).toEqual([verb, 'FORBIDDEN', expect.stringMatching(new RegExp(`^Your unit may not ${verb}: app app_registered_reader reads data`))]);
    }
    const still = dataOf(await f.call(TIANHE_SCHOOL, `query($id: ID!) { shareApplication(id: $id) { status } }`, { id })).shareApplication;
    expect(still).toEqual({ status: 'SUBMITTED' });
  });

  it('refuses an unknown account, and a person acting for a unit that is not theirs', async () => {
    const { id } = dataOf(await as('clerk', TIANHE_SCHOOL, APPLY, { input: { ...identityInput, rowScope: [TIANHE_SCHOOL] } })).applyForShare;
    const unknown = errorOf(await f.call('440106', ENDORSE, { id }, '00000000-0000-4000-8000-000000000000'));
    expect(unknown.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(errorOf(await f.call('440106', ENDORSE, { id }, people.data)).message).toContain('审核人 (ENDORSER) in unit 440106');
  });

  it('lets the city bureau\'s supervisor revoke, and keeps per-unit checks for tokens without a person', async () => {
    const { id } = dataOf(await f.call('GZWJW', APPLY, { input: { ...identityInput, fields: ['Student.studentNumber'] } })).applyForShare;
    const { grant } = dataOf(await f.call('440100', DECIDE, { id, decision: 'APPROVE' })).decideShareApplication;
    expect(dataOf(await as('supervisor', '440100', REVOKE, { id: grant.id, reason: '监督检查发现超范围使用' })).revokeGrant)
      .toMatchObject({ active: false, revokedBy: '440100', revokedByPerson: people.supervisor, givenUp: false });
  });

  it('reads the person\'s roles once per request, however many steps it takes', async () => {
    const first = dataOf(await as('clerk', TIANHE_SCHOOL, APPLY, { input: { ...identityInput, rowScope: [TIANHE_SCHOOL] } })).applyForShare;
    const second = dataOf(await as('clerk', TIANHE_SCHOOL, APPLY, { input: { ...identityInput, rowScope: [TIANHE_SCHOOL] } })).applyForShare;
    const query = jest.spyOn(f.t.store.pool, 'query');
    try {
      const both = `mutation($a: ID!, $b: ID!) { a: withdrawShareApplication(id: $a) { status } b: withdrawShareApplication(id: $b) { status } }`;
      expect(dataOf(await as('clerk', TIANHE_SCHOOL, both, { a: first.id, b: second.id }))).toEqual({ a: { status: 'WITHDRAWN' }, b: { status: 'WITHDRAWN' } });
      const roleReads = query.mock.calls.filter(([sql]) => typeof sql === 'string' && sql.includes('FROM account_roles'));
      expect(roleReads).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
  });
});
