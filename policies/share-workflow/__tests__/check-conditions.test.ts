import { decideConditions, type AskedConditions, type ConditionsInput } from '../check-conditions';
import { catalog, expectError, tianheSchool, unitTree } from './harness';

const now = new Date('2025-03-10T02:00:00Z');
const asked: AskedConditions = {
  resources: ['GZJY-XS-001', 'GZJY-XS-002'],
  coordinates: ['Student.name', 'Student.birthDate', 'Student.idNumber'],
  rowScope: ['440106'],
  purpose: '入学资格核验',
  validUntil: new Date('2025-06-30T16:00:00Z'),
};
const decide = (input: ConditionsInput | null) => decideConditions(asked, input, catalog, unitTree, now);

describe('conditions of an approval', () => {
  it('default to what was asked, one grant per resource', () => {
    const decided = decide(null);
    if (!decided.ok) throw new Error(decided.error.message);
    expect(decided.value.grants).toEqual([
      { resource: 'GZJY-XS-001', coordinates: ['Student.name', 'Student.birthDate'], rowScope: ['440106'], masks: {}, purpose: '入学资格核验', validUntil: asked.validUntil },
      { resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], rowScope: ['440106'], masks: {}, purpose: '入学资格核验', validUntil: asked.validUntil },
    ]);
  });

  it('may narrow fields, rows, masks, purpose and validity', () => {
    const decided = decide({
      fields: ['Student.name', 'Student.idNumber'], rowScope: [tianheSchool.code], purpose: '天河区入学核验',
      masks: [{ coordinate: 'Student.name', mask: 'NAME' }, { coordinate: 'Student.idNumber', mask: 'ID_NUMBER_REGION_AND_CHECK' }],
      validUntil: '2025-04-30',
    });
    if (!decided.ok) throw new Error(decided.error.message);
    const validUntil = new Date('2025-04-30T16:00:00Z');
    expect(decided.value.conditions).toEqual({
      coordinates: ['Student.name', 'Student.idNumber'], rowScope: [tianheSchool.code], purpose: '天河区入学核验', validUntil,
      masks: { 'Student.name': ['NAME'], 'Student.idNumber': ['ID_NUMBER_REGION_AND_CHECK'] },
    });
    expect(decided.value.grants.map((g) => [g.resource, g.coordinates, g.masks])).toEqual([
      ['GZJY-XS-001', ['Student.name'], { 'Student.name': ['NAME'] }],
      ['GZJY-XS-002', ['Student.idNumber'], { 'Student.idNumber': ['ID_NUMBER_REGION_AND_CHECK'] }],
    ]);
  });

  it('makes no grant for a resource whose fields were all left out', () => {
    const decided = decide({ fields: ['Student.idNumber'] });
    expect(decided.ok && decided.value.grants.map((g) => g.resource)).toEqual(['GZJY-XS-002']);
  });

  it.each([
    ['a field not asked for', { fields: ['Student.phone'] }, 'conditions.fields', 'Student.phone was not asked for'],
    ['no field at all', { fields: [] }, 'conditions.fields', 'approve at least one field'],
    ['a row scope outside the one asked', { rowScope: ['440103'] }, 'conditions.rowScope', '440103 lies outside the row scope asked (440106)'],
    ['an empty row scope (every record)', { rowScope: [] }, 'conditions.rowScope', 'an empty row scope means every record'],
    ['a mask the catalog does not list', { masks: [{ coordinate: 'Student.name', mask: 'PHONE' as const }] }, 'conditions.masks', 'the catalog allows only NAME on Student.name, not PHONE'],
    ['a mask on a field without masks', { fields: ['Student.idNumber'], masks: [{ coordinate: 'Student.name', mask: 'NAME' as const }] }, 'conditions.masks', 'Student.name is not among the approved fields'],
    ['a validity longer than asked', { validUntil: '2025-07-01' }, 'conditions.validUntil', 'later than the validity asked'],
    ['a validity already over', { validUntil: '2025-03-09' }, 'conditions.validUntil', '2025-03-09 has passed (today is 2025-03-10)'],
    ['an empty purpose', { purpose: ' ' }, 'conditions.purpose', 'GZJY-XS-001 is shared only for a stated purpose'],
  ] as const)('refuses %s', (_name, input, argument, message) => expectError(decide(input), 'BAD_USER_INPUT', message, argument));

  it('refuses an approval whose asked validity has already ended', () => {
    const late = decideConditions({ ...asked, validUntil: new Date('2025-03-01T16:00:00Z') }, null, catalog, unitTree, now);
    expectError(late, 'BAD_USER_INPUT', 'the validity asked has ended', 'conditions.validUntil');
  });

  it('grants unconditional resources over all records, whatever row scope was asked', () => {
    const teacher = decideConditions({ ...asked, resources: ['GZJY-JS-003'], coordinates: ['Teacher.title'] }, null, catalog, unitTree, now);
    expect(teacher.ok && teacher.value.grants[0]!.rowScope).toEqual([]);
  });
});
