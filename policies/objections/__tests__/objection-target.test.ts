import { loadCatalog } from '../../catalog';
import { declaredCoordinates } from '../../coordinates';
import { catalog, expectError } from '../../share-workflow/__tests__/harness';
import { objectionDeadline, objectionTarget } from '../objection-target';

/** Which fields can be objected to, the record they belong to, and the deadline the catalog gives. */
const alwaysWorking = { isWorkingDay: () => true, hasCalendarFor: () => true };

describe('objectionTarget', () => {
  it.each([
    ['Student.birthDate', 'Student', 'GZJY-XS-001'],
    ['Guardian.phone', 'Student', 'GZJY-XS-004'],
    ['Teacher.title', 'Teacher', 'GZJY-JS-003'],
  ] as const)('%s is a field of a %s record in %s', (coordinate, recordType, resource) => {
    const target = objectionTarget(coordinate, catalog);
    expect(target.ok && { recordType: target.value.recordType, resource: target.value.resource.code }).toEqual({ recordType, resource });
  });

  it.each([
    ['Student.healthStatus', 'not shared through the pool'],
    ['Student.school', 'a key or a relation'],
    ['School.name', 'not a field of a student, guardian or teacher record'],
    ['Query.verifyEnrollment', 'not a field of a student, guardian or teacher record'],
    ['birthDate', 'not a field of a student, guardian or teacher record'],
  ])('refuses %s', (coordinate, message) => expectError(objectionTarget(coordinate, catalog), 'BAD_USER_INPUT', message, 'input.coordinate'));
});

describe('objectionDeadline', () => {
  const filedAt = new Date('2026-11-25T02:00:00Z');

  it('is 15 natural days by default, to the end of the day in Guangzhou', () => {
    expect(catalog.byCode('GZJY-XS-001')!.objectionDeadline).toEqual({ days: 15, calendar: 'NATURAL' });
    expect(objectionDeadline(filedAt, catalog.byCode('GZJY-XS-001')!, alwaysWorking)).toEqual(new Date('2026-12-10T15:59:59.999Z'));
  });

  it('follows a resource\'s own setting', () => {
    const resource = catalog.byCode('GZJY-XS-001')!;
    const custom = loadCatalog([{ ...resource, objectionDeadline: { days: 5, calendar: 'NATURAL' } }], { units: new Set(['440100']), knownCoordinates: declaredCoordinates });
    expect(objectionDeadline(filedAt, custom.byCode('GZJY-XS-001')!, alwaysWorking)).toEqual(new Date('2026-11-30T15:59:59.999Z'));
  });
});
