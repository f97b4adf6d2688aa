import { responseDeadline } from '../../../policies/deadlines';
import {
  APPLICATION, APPLY, catalog, dataOf, DECIDE, ENDORSE, errorOf, identityInput, openFixture, REVOKE, START, TIANHE_SCHOOL, WITHDRAW,
  type Fixture,
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
