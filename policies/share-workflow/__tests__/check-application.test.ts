import { checkApplication, checkResubmission, endorserFor, type ApplyInput } from '../check-application';
import { catalog, expectError, tianheSchool, unitTree } from './harness';

const now = new Date('2025-03-03T02:00:00Z'); // 10:00 in Guangzhou
const identity: ApplyInput = {
  resources: ['GZJY-XS-002'], fields: ['Student.idNumber'], purpose: '入学资格核验', rowScope: ['440106'], validUntil: '2025-06-30',
};
const check = (input: Partial<ApplyInput>, applicant = 'GZGAJ') =>
  checkApplication({ ...identity, ...input }, { applicant, catalog, unitTree, now });

describe('routing an application', () => {
  it.each([
    ['a school goes through its district bureau', tianheSchool.code, '440106'],
    ['a district bureau applying to the city bureau needs no endorser', '440106', null],
    ['the research institute, under the city bureau that provides, needs none', 'GZJYYJY', null],
    ['a partner department has no superior education department', 'GZGAJ', null],
  ] as const)('%s', (_name, applicant, endorser) => expect(endorserFor(applicant, '440100', unitTree)).toBe(endorser));
});

describe('checking an application', () => {
  it('accepts a conditional application and routes it', () => {
    const checked = check({}, tianheSchool.code);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value).toMatchObject({
      coordinates: ['Student.idNumber'], rowScope: ['440106'], purpose: '入学资格核验', provider: '440100', endorser: '440106',
      validUntil: new Date('2025-06-30T16:00:00Z'), disposition: { kind: 'AWAIT' },
    });
  });

  it('approves at once when every resource is unconditional, with no endorser', () => {
    const checked = check({ resources: ['GZJY-JS-003'], fields: ['Teacher.title', 'Teacher.education'], purpose: '' }, tianheSchool.code);
    expect(checked.ok && checked.value.disposition).toEqual({ kind: 'APPROVE_AT_ONCE' });
    expect(checked.ok && checked.value.endorser).toBeNull();
  });

  it('waits for the provider when an unconditional resource comes with a conditional one', () => {
    const checked = check({ resources: ['GZJY-JS-003', 'GZJY-JS-001'], fields: ['Teacher.title', 'Teacher.name'] });
    expect(checked.ok && checked.value.disposition).toEqual({ kind: 'AWAIT' });
  });

  it('marks a not-shared resource for refusal with its basis', () => {
    const checked = check({ resources: ['GZJY-XS-006'], fields: ['Student.healthStatus'] });
    if (!checked.ok || checked.value.disposition.kind !== 'NOT_SHARED') throw new Error('expected NOT_SHARED');
    expect(checked.value.disposition.resources.map((r) => r.code)).toEqual(['GZJY-XS-006']);
    expect(checked.value.disposition.resources[0]!.legalBasis).toContain('个人信息保护法');
  });

  it.each([
    ['no resource', { resources: [] }, 'input.resources', 'name at least one catalog resource'],
    ['an unknown resource', { resources: ['GZJY-XS-999'] }, 'input.resources', 'GZJY-XS-999 is not a catalog resource'],
    ['a field of a resource not named', { fields: ['Student.idNumber', 'Student.name'] }, 'input.fields', 'Student.name: it belongs to GZJY-XS-001'],
    ['a field the catalog does not know', { fields: ['Student.secret'] }, 'input.fields', 'Student.secret: it is not a catalog field'],
    ['a resource with no field named', { resources: ['GZJY-XS-002', 'GZJY-XS-003'] }, 'input.fields', 'no field of GZJY-XS-003 is named'],
    ['a malformed date', { validUntil: '2025-02-30' }, 'input.validUntil', "'2025-02-30' is not a date"],
    ['a date in the past', { validUntil: '2025-03-02' }, 'input.validUntil', '2025-03-02 has passed'],
    ['a validity longer than the catalog allows', { validUntil: '2025-08-31' }, 'input.validUntil', 'more than 180 days away; the catalog allows at most 2025-08-30'],
    ['an unknown unit in the row scope', { rowScope: ['449999'] }, 'input.rowScope', '449999 is not a unit'],
    ['no purpose where one is required', { purpose: '  ' }, 'input.purpose', 'GZJY-XS-002 is shared only for a stated purpose'],
  ] as const)('refuses %s', (_name, input, argument, message) => expectError(check(input), 'BAD_USER_INPUT', message, argument));

  it('allows exactly the longest validity', () => expect(check({ validUntil: '2025-08-30' }).ok).toBe(true));

  it('refuses an application to the unit that provides the resource', () => {
    expectError(check({}, '440100'), 'BAD_USER_INPUT', 'your unit provides GZJY-XS-002 itself', 'input.resources');
  });

  it('refuses a unit outside the tree', () => expectError(check({}, 'NOBODY'), 'FORBIDDEN', 'unit NOBODY is not in the pool\'s unit tree'));
});

describe('checking a resubmission', () => {
  // Declined after asking for ID numbers and student numbers over the whole district.
  const declined = {
    id: 'a-1', applicant: tianheSchool.code, resources: ['GZJY-XS-002'], coordinates: ['Student.idNumber', 'Student.studentNumber'],
    purpose: '入学资格核验', rowScope: ['440106'], validUntil: new Date('2025-06-30T16:00:00Z'),
  };
  const resubmit = (amendments: Parameters<typeof checkResubmission>[1]) =>
    checkResubmission(declined, amendments, { applicant: tianheSchool.code, catalog, unitTree, now });

  it('keeps every term not amended', () => {
    expect(resubmit(null)).toEqual({ ok: true, value: {
      coordinates: ['Student.idNumber', 'Student.studentNumber'], purpose: '入学资格核验', rowScope: ['440106'], validUntil: declined.validUntil,
    } });
  });

  it('takes the amended fields, row scope, purpose and validity', () => {
    const amended = resubmit({ fields: ['Student.idNumber'], rowScope: [tianheSchool.code], purpose: '本校新生入学资格核验', validUntil: '2025-04-30' });
    expect(amended).toEqual({ ok: true, value: {
      coordinates: ['Student.idNumber'], purpose: '本校新生入学资格核验', rowScope: [tianheSchool.code], validUntil: new Date('2025-04-30T16:00:00Z'),
    } });
  });

  it.each([
    ['a field of another resource', { fields: ['Student.name'] }, 'amendments.fields', 'Student.name: it belongs to GZJY-XS-001'],
    ['no field at all', { fields: [] }, 'amendments.fields', 'no field of GZJY-XS-002 is named'],
    ['no purpose', { purpose: '' }, 'amendments.purpose', 'shared only for a stated purpose'],
    ['a validity past the catalog limit from today', { validUntil: '2025-09-30' }, 'amendments.validUntil', 'the catalog allows at most 2025-08-30'],
    ['an unknown unit', { rowScope: ['449999'] }, 'amendments.rowScope', '449999 is not a unit'],
  ] as const)('refuses %s, naming the amendment', (_name, amendments, argument, message) => {
    expectError(resubmit(amendments), 'BAD_USER_INPUT', `Argument ${argument}: `, argument);
    expectError(resubmit(amendments), 'BAD_USER_INPUT', message, argument);
  });
});
