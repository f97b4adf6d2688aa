import { declaredCoordinates, isCoordinate, isStructuralType, parseCoordinate } from '../coordinates';

describe('declared coordinates', () => {
  test('list each field of the unified schema once', () => {
    // 102 with the two verification queries and Statistics.schoolGroups, the @inaccessible field the teacher and facility subgraphs require.
    expect(declaredCoordinates).toHaveLength(102);
    expect(new Set(declaredCoordinates).size).toBe(declaredCoordinates.length);
  });

  test.each([
    ['Student.idNumber', true],
    ['Query.statistics', true],
    ['Statistics.classSizeBands', true],
    ['Student.idNumbr', false],
    ['Gender.name', false],
    ['student.idNumber', false],
  ])('isCoordinate(%s) is %s', (s, expected) => {
    expect(isCoordinate(s)).toBe(expected);
  });
});

test.each([
  ['Student.idNumber', { typeName: 'Student', fieldName: 'idNumber' }],
  ['_Service.sdl', { typeName: '_Service', fieldName: 'sdl' }],
  ['Student', undefined],
  ['Student.', undefined],
  ['Student.id.number', undefined],
  ['Stu dent.id', undefined],
])('parseCoordinate(%s)', (s, expected) => {
  expect(parseCoordinate(s)).toEqual(expected);
});

test.each([
  ['Gender', true],
  ['CodeName', true],
  ['PageInfo', true],
  ['StudentConnection', true],
  ['TeacherEdge', true],
  ['Connection', false],
  ['Student', false],
  ['Statistics', false],
])('isStructuralType(%s) is %s', (typeName, expected) => {
  expect(isStructuralType(typeName)).toBe(expected);
});
