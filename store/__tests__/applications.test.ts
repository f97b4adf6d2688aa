import { loadDefaultCatalog } from '../../policies/catalog';
import type { GrantDraft } from '../../policies/share-workflow';
import { createUnitTree } from '../../policies/unit-tree';
import { fixedUnits } from '../../policies/units';
import type { NewApplication, TransitionPlan } from '../share-applications';
import { openTestStore, type TestStore } from './test-store';

const DAY = 86_400_000;
const submittedAt = new Date('2025-03-03T02:00:00Z');
const validUntil = new Date('2025-06-30T16:00:00Z');

function application(overrides: Partial<NewApplication> = {}, catalogVersion: string): NewApplication {
  return {
    applicant: 'GZGAJ', resources: ['GZJY-XS-002'], coordinates: ['Student.idNumber'], purpose: '身份核验', rowScope: ['440106'],
    validUntil, submittedAt, endorsementDeadline: null, decisionDeadline: new Date('2025-03-18T15:59:59.999Z'), endorser: null, provider: '440100', catalogVersion, ...overrides,
  };
}

const draft: GrantDraft = {
  resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], rowScope: ['440106'],
  masks: { 'Student.idNumber': ['ID_NUMBER_REGION_AND_CHECK'] }, purpose: '身份核验', validUntil,
};
const submission = { actorUnit: 'GZGAJ', actorToken: 'tok-1', reason: null };
const approve = (at: Date, grants: GrantDraft[]): TransitionPlan => ({
  to: 'APPROVED', at, event: { actorUnit: '440100', actorToken: 'tok-2', reason: '同意' }, grants,
});

describe('share applications and grants in the store', () => {
  let t: TestStore;
  let version: string;
  beforeAll(async () => {
    t = await openTestStore(submittedAt);
    version = await t.store.catalog.record(loadDefaultCatalog(createUnitTree(fixedUnits)));
  });
  afterAll(() => t.drop());

  it('stores a submission with its first event', async () => {
    const stored = await t.store.applications.submit(application({}, version), submission);
    expect(stored).toMatchObject({ status: 'SUBMITTED', applicant: 'GZGAJ', decidedAt: null, submittedAt, validUntil });
    const history = (await t.store.applications.history([stored.id])).get(stored.id);
    expect(history).toEqual([{
      applicationId: stored.id, seq: 1, fromStatus: null, toStatus: 'SUBMITTED', actorUnit: 'GZGAJ', actorToken: 'tok-1', actorPerson: null,
      at: submittedAt, reason: null, conditions: null,
    }]);
  });

  it('commits an approval with its event, grants and change mark together', async () => {
    const stored = await t.store.applications.submit(application({}, version), submission);
    const mark = await t.store.grants.changeMark();
    const decidedAt = new Date(submittedAt.getTime() + DAY);
    const approved = await t.store.applications.transition(stored.id, () => approve(decidedAt, [draft]));
    expect(approved).toMatchObject({ status: 'APPROVED', decidedAt });
    expect(await t.store.grants.changeMark()).toBe(mark + 1);
    const [grant] = await t.store.grants.list({ applicationIds: [stored.id] });
    expect(grant).toMatchObject({
      grantee: 'GZGAJ', provider: '440100', resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], rowScope: ['440106'],
      masks: { 'Student.idNumber': ['ID_NUMBER_REGION_AND_CHECK'] }, validFrom: decidedAt, validUntil, version: 1, applicationId: stored.id,
    });
    expect((await t.store.grants.activeFor('GZGAJ', decidedAt)).map((g) => g.id)).toContain(grant!.id);
    expect((await t.store.applications.history([stored.id])).get(stored.id)!.map((e) => [e.seq, e.fromStatus, e.toStatus, e.actorUnit]))
      .toEqual([[1, null, 'SUBMITTED', 'GZGAJ'], [2, 'SUBMITTED', 'APPROVED', '440100']]);
  });

  it('commits nothing of a decision whose second grant violates a constraint', async () => {
    const stored = await t.store.applications.submit(application({ resources: ['GZJY-XS-001', 'GZJY-XS-002'], coordinates: ['Student.name', 'Student.idNumber'] }, version), submission);
    const mark = await t.store.grants.changeMark();
    const at = new Date(submittedAt.getTime() + DAY);
    // valid_until before valid_from: refused by the grants table's CHECK, after the status, event and first grant were written.
    const broken: GrantDraft = { ...draft, resource: 'GZJY-XS-001', coordinates: ['Student.name'], masks: {}, validUntil: new Date(at.getTime() - DAY) };
    await expect(t.store.applications.transition(stored.id, () => approve(at, [draft, broken]))).rejects.toThrow(/check constraint/);
    expect((await t.store.applications.get(stored.id))!.status).toBe('SUBMITTED');
    expect((await t.store.applications.history([stored.id])).get(stored.id)).toHaveLength(1);
    expect(await t.store.grants.list({ applicationIds: [stored.id] })).toEqual([]);
    expect(await t.store.grants.changeMark()).toBe(mark);
  });

  it('writes nothing when the plan refuses', async () => {
    const stored = await t.store.applications.submit(application({}, version), submission);
    await expect(t.store.applications.transition(stored.id, () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect((await t.store.applications.get(stored.id))!.status).toBe('SUBMITTED');
  });

  it('revokes a grant: recorded, versioned, counted, no longer active', async () => {
    const stored = await t.store.applications.submit(application({ applicant: 'GZWJW' }, version), { ...submission, actorUnit: 'GZWJW' });
    const at = new Date(submittedAt.getTime() + DAY);
    await t.store.applications.transition(stored.id, () => approve(at, [draft]));
    const [grant] = await t.store.grants.activeFor('GZWJW', at);
    const mark = await t.store.grants.changeMark();
    const revokeAt = new Date(at.getTime() + DAY);
    t.clock.set(revokeAt);
    const revoked = await t.store.grants.revoke(grant!.id, { by: '440100', reason: '用途已完成', person: null, givenUp: false }, () => undefined);
    expect(revoked).toMatchObject({ revokedBy: '440100', revokeReason: '用途已完成', version: 2 });
    // The store's (settable, running) clock stamps the revocation.
    expect(revoked.revokedAt!.getTime()).toBeGreaterThanOrEqual(revokeAt.getTime());
    expect(revoked.revokedAt!.getTime()).toBeLessThanOrEqual(t.clock.now().getTime());
    expect(await t.store.grants.changeMark()).toBe(mark + 1);
    expect(await t.store.grants.activeFor('GZWJW', t.clock.now())).toEqual([]);
    expect((await t.store.grants.list({ grantee: 'GZWJW', active: { at: t.clock.now(), is: false } })).map((g) => g.id)).toEqual([grant!.id]);
  });

  it('lists by whose turn it is, by party and by overdue', async () => {
    // Awaiting its endorser: the endorser's deadline runs, the provider's has not started.
    const school = await t.store.applications.submit(application({
      applicant: '2144010001', endorser: '440106', endorsementDeadline: new Date('2025-03-18T15:59:59.999Z'), decisionDeadline: null,
    }, version), { ...submission, actorUnit: '2144010001' });
    const ids = async (filter: Parameters<typeof t.store.applications.list>[0]) => (await t.store.applications.list(filter)).map((a) => a.id);
    expect(await ids({ awaiting: '440106' })).toEqual([school.id]);
    expect(await ids({ awaiting: '440100' })).not.toContain(school.id);
    expect(await ids({ involving: '440106' })).toEqual([school.id]);
    expect(await ids({ applicant: '2144010001', overdue: { at: new Date('2025-03-18T15:59:59.999Z'), is: true } })).toEqual([]);
    expect(await ids({ applicant: '2144010001', overdue: { at: new Date('2025-03-18T16:00:00Z'), is: true } })).toEqual([school.id]);
    expect(await ids({ applicant: '2144010001', overdue: { at: new Date('2025-03-18T16:00:00Z'), is: false } })).toEqual([]);
    expect(await ids({ applicant: 'GZGAJ', statuses: ['APPROVED'] })).toHaveLength(1);
  });

  it('records a decline, a resubmission with amended terms and restarted clocks, and the person on each event', async () => {
    const endorsementDue = new Date('2025-03-10T15:59:59.999Z');
    const stored = await t.store.applications.submit(application({
      applicant: '2144010001', endorser: '440106', endorsementDeadline: endorsementDue, decisionDeadline: null,
    }, version), { ...submission, actorUnit: '2144010001', actorPerson: 'clerk-1' });
    const at = new Date(submittedAt.getTime() + DAY);
    const declined = await t.store.applications.transition(stored.id, () => ({
      to: 'DECLINED', at, event: { actorUnit: '440106', actorToken: 'tok-2', actorPerson: 'review-1', reason: '范围过宽' },
    }));
    expect(declined).toMatchObject({ status: 'DECLINED', decidedAt: null, endorsementDeadline: endorsementDue, decisionDeadline: null });
    expect((await t.store.applications.list({ awaiting: '2144010001' })).map((a) => a.id)).toEqual([stored.id]);
    const overdue = await t.store.applications.list({ applicant: '2144010001', overdue: { at: new Date('2025-04-01T00:00:00Z'), is: true } });
    expect(overdue.map((a) => a.id)).not.toContain(stored.id);

    const again = new Date('2025-03-12T16:00:00Z');
    const resubmitted = await t.store.applications.transition(stored.id, () => ({
      to: 'SUBMITTED', at: new Date(at.getTime() + DAY),
      event: { actorUnit: '2144010001', actorToken: 'tok-3', actorPerson: 'clerk-1', reason: '已缩小范围' },
      terms: { coordinates: ['Student.idNumber'], purpose: '本校核验', rowScope: ['2144010001'], validUntil: new Date('2025-04-30T16:00:00Z') },
      deadlines: { endorsement: again, decision: null },
    }));
    expect(resubmitted).toMatchObject({
      status: 'SUBMITTED', purpose: '本校核验', rowScope: ['2144010001'], validUntil: new Date('2025-04-30T16:00:00Z'), endorsementDeadline: again, decisionDeadline: null,
    });
    const history = (await t.store.applications.history([stored.id])).get(stored.id)!;
    expect(history.map((e) => [e.seq, e.fromStatus, e.toStatus, e.actorUnit, e.actorPerson, e.reason])).toEqual([
      [1, null, 'SUBMITTED', '2144010001', 'clerk-1', null],
      [2, 'SUBMITTED', 'DECLINED', '440106', 'review-1', '范围过宽'],
      [3, 'DECLINED', 'SUBMITTED', '2144010001', 'clerk-1', '已缩小范围'],
    ]);
  });

  it('ends a grant given up by its grantee, recorded as given up, counted for the gateways', async () => {
    const stored = await t.store.applications.submit(application({ applicant: 'GZMZJ' }, version), { ...submission, actorUnit: 'GZMZJ' });
    const at = new Date(submittedAt.getTime() + DAY);
    await t.store.applications.transition(stored.id, () => approve(at, [draft]));
    const [grant] = await t.store.grants.activeFor('GZMZJ', at);
    const mark = await t.store.grants.changeMark();
    const ended = await t.store.grants.revoke(grant!.id, { by: 'GZMZJ', reason: '核验已完成', person: 'clerk-9', givenUp: true }, () => undefined);
    expect(ended).toMatchObject({ givenUp: true, revokedBy: 'GZMZJ', revokeReason: '核验已完成', revokedByPerson: 'clerk-9', version: 2 });
    expect(await t.store.grants.changeMark()).toBe(mark + 1);
    expect(await t.store.grants.activeFor('GZMZJ', t.clock.now())).toEqual([]);
  });
});
