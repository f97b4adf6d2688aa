import { APPLY, dataOf, DECIDE, errorOf, identityInput, openFixture, TIANHE_SCHOOL, type Fixture } from './harness';

const DAY = 86_400_000;
const LIST = `query List($filter: ShareApplicationFilter) { shareApplications(filter: $filter) { id status overdue awaitingUnit } }`;

/** The lists: applications by role, status and overdue, grants by side and activity, the catalog. */
describe('governance queries', () => {
  let f: Fixture;
  let partner: string;
  let school: string;
  let approved: string;
  beforeAll(async () => {
    f = await openFixture();
    const apply = async (unit: string, input: Record<string, unknown>) => dataOf(await f.call(unit, APPLY, { input })).applyForShare.id as string;
    partner = await apply('GZGAJ', identityInput);
    school = await apply(TIANHE_SCHOOL, { ...identityInput, rowScope: [TIANHE_SCHOOL] });
    approved = await apply('GZMZJ', { ...identityInput, purpose: '困难学生救助核验' });
    dataOf(await f.call('440100', DECIDE, { id: approved, decision: 'APPROVE' }));
  });
  afterAll(() => f.close());

  const ids = async (unit: string, filter: Record<string, unknown>) =>
    (dataOf(await f.call(unit, LIST, { filter })).shareApplications as Array<{ id: string }>).map((a) => a.id);

  it('lists applications by role: mine, awaiting me, all I take part in (all of them for the city bureau)', async () => {
    expect(await ids('GZGAJ', { role: 'MINE' })).toEqual([partner]);
    expect(await ids('440106', { role: 'AWAITING_ME' })).toEqual([school]);
    expect((await ids('440100', { role: 'AWAITING_ME' })).sort()).toEqual([partner].sort());
    expect(await ids('440106', { role: 'ALL' })).toEqual([school]);
    expect((await ids('440100', {})).sort()).toEqual([partner, school, approved].sort());
    expect(await ids('GZWJW', {})).toEqual([]);
    expect(await ids('440100', { status: 'APPROVED' })).toEqual([approved]);
  });

  it('shows pending applications as overdue once 16 days have passed, and closed ones never', async () => {
    expect(await ids('440100', { overdue: true })).toEqual([]);
    f.t.clock.advance(16 * DAY);
    expect((await ids('440100', { overdue: true })).sort()).toEqual([partner, school].sort());
    expect(await ids('440100', { overdue: false })).toEqual([approved]);
    const listed = dataOf(await f.call('440106', LIST, { filter: { role: 'AWAITING_ME' } })).shareApplications;
    expect(listed).toEqual([{ id: school, status: 'SUBMITTED', overdue: true, awaitingUnit: '440106' }]);
  });

  it('lists grants held and provided, active or not', async () => {
    const grants = async (unit: string, filter: Record<string, unknown>) =>
      dataOf(await f.call(unit, 'query G($filter: GrantFilter) { grants(filter: $filter) { grantee provider applicationId active } }', { filter })).grants;
    expect(await grants('GZMZJ', { mine: true })).toEqual([{ grantee: 'GZMZJ', provider: '440100', applicationId: approved, active: true }]);
    expect(await grants('GZMZJ', { provided: true })).toEqual([]);
    expect(await grants('440100', { provided: true, active: true })).toHaveLength(1);
    expect(await grants('440100', { active: false })).toEqual([]);
    expect(await grants('GZGAJ', {})).toEqual([]);
  });

  it('refuses a list size above the maximum', async () => {
    const error = errorOf(await f.call('440100', '{ shareApplications(first: 501) { id } }'));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first', coordinate: 'Query.shareApplications' });
  });

  it('answers the catalog with every attribute, allowed conditions included', async () => {
    const resources = dataOf(await f.call('GZGAJ', `{ catalog { code title provider shareType legalBasis open coordinates
      responseDeadline { days calendar } allowedConditions { rowScope purposeRequired maxValidityDays masks { coordinate masks } } } }`)).catalog;
    const identity = resources.find((r: { code: string }) => r.code === 'GZJY-XS-002');
    expect(identity).toEqual({
      code: 'GZJY-XS-002', title: '学生身份信息', provider: '440100', shareType: 'CONDITIONAL', legalBasis: null, open: false,
      coordinates: ['Student.studentNumber', 'Student.studentNumberKind', 'Student.idDocumentType', 'Student.idNumber'],
      responseDeadline: { days: 15, calendar: 'NATURAL' },
      allowedConditions: {
        rowScope: true, purposeRequired: true, maxValidityDays: 180,
        masks: [{ coordinate: 'Student.idNumber', masks: ['ID_NUMBER_REGION_AND_CHECK', 'ID_NUMBER_BIRTH_YEAR'] }],
      },
    });
    expect(resources.find((r: { code: string }) => r.code === 'GZJY-XX-001')).toMatchObject({ open: true, shareType: 'UNCONDITIONAL' });
    expect(resources.find((r: { code: string }) => r.code === 'GZJY-XS-006').legalBasis).toContain('个人信息保护法');
  });

  it('shows a district bureau its jurisdiction, open data and what it may apply for', async () => {
    const access = dataOf(await f.call('440106', '{ myAccess { coordinate status conditions { rowScope grantId } } }')).myAccess;
    const of = (coordinate: string) => access.find((entry: { coordinate: string }) => entry.coordinate === coordinate);
    expect(of('Student.idNumber')).toEqual({ coordinate: 'Student.idNumber', status: 'JURISDICTION', conditions: [{ rowScope: ['440106'], grantId: null }] });
    expect(of('School.name')).toEqual({ coordinate: 'School.name', status: 'OPEN', conditions: [{ rowScope: [], grantId: null }] });
    expect(of('Student.healthStatus')).toEqual({ coordinate: 'Student.healthStatus', status: 'NOT_SHARED', conditions: [] });
    const partnerAccess = dataOf(await f.call('GZGAJ', '{ myAccess { coordinate status } }')).myAccess;
    expect(partnerAccess.find((entry: { coordinate: string }) => entry.coordinate === 'Student.idNumber')).toEqual({ coordinate: 'Student.idNumber', status: 'APPLYABLE' });
  });
});
