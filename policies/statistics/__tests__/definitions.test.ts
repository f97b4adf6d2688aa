import { classSizeBand, formatRatio, isEnrolled, isFullTimeTeacher } from '../definitions';
import { withTotals } from '../dimensions';

it.each([
  [45, undefined], [55, undefined], [56, 'LARGE'], [65, 'LARGE'], [66, 'OVERSIZED'], [80, 'OVERSIZED'],
])('a class of %i is in band %s', (size, band) => {
  expect(classSizeBand(size)).toBe(band);
});

it.each([
  [{ qualificationKind: '2', post: '10', status: '01' }, true],
  [{ qualificationKind: '3', post: '23', status: '01' }, true],
  [{ qualificationKind: '', post: '10', status: '01' }, false],
  [{ qualificationKind: '2', post: '31', status: '01' }, false],
  [{ qualificationKind: '2', post: '10', status: '03' }, false],
])('专任教师 %o: %s', (teacher, expected) => {
  expect(isFullTimeTeacher(teacher)).toBe(expected);
});

it('在校生 are status 01 only', () => {
  expect(['01', '02', '03', '04'].filter(isEnrolled)).toEqual(['01']);
});

it('生师比 is x:1 with one decimal, and none without teachers', () => {
  expect(formatRatio(1234, 100)).toBe('12.3:1');
  expect(formatRatio(5, 0)).toBeUndefined();
});

it('totals of every level are summed from the finest cells', () => {
  const cells = withTotals([
    { key: { DISTRICT: 'a', GRADE: '1' }, value: 2 }, { key: { DISTRICT: 'a', GRADE: '2' }, value: 3 }, { key: { DISTRICT: 'b', GRADE: '1' }, value: 4 },
  ], ['GRADE', 'DISTRICT']);
  const value = (key: object) => cells.find((c) => JSON.stringify(c.key) === JSON.stringify(key))?.value;
  expect(value({})).toBe(9);
  expect(value({ DISTRICT: 'a' })).toBe(5);
  expect(value({ GRADE: '1' })).toBe(6);
  expect(cells).toHaveLength(3 + 2 + 2 + 1);
});
