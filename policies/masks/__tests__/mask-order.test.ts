import type { MaskKind } from '../../catalog';
import { stricterMask, strictestMask } from '../mask-order';

describe('stricterMask: the most restrictive, in either order', () => {
  test.each<[MaskKind | undefined, MaskKind | undefined, MaskKind | undefined]>([
    ['ID_NUMBER_BIRTH_YEAR', 'ID_NUMBER_REGION_AND_CHECK', 'ID_NUMBER_REGION_AND_CHECK'],
    ['BIRTH_DATE_YEAR_MONTH', 'BIRTH_DATE_YEAR', 'BIRTH_DATE_YEAR'],
    ['NAME', 'NAME', 'NAME'],
    ['PHONE', undefined, 'PHONE'],
    ['ADDRESS_DISTRICT', undefined, 'ADDRESS_DISTRICT'],
    [undefined, undefined, undefined],
  ])('%s and %s → %s', (a, b, expected) => {
    expect(stricterMask(a, b)).toBe(expected);
    expect(stricterMask(b, a)).toBe(expected);
  });

  test('masks of different families still combine independently of order', () => {
    expect(stricterMask('NAME', 'PHONE')).toBe(stricterMask('PHONE', 'NAME'));
  });
});

describe('strictestMask', () => {
  test.each<[ReadonlyArray<MaskKind | undefined>, MaskKind | undefined]>([
    [[], undefined],
    [[undefined], undefined],
    [['BIRTH_DATE_YEAR', undefined, 'BIRTH_DATE_YEAR_MONTH'], 'BIRTH_DATE_YEAR'],
    [[undefined, 'BIRTH_DATE_YEAR_MONTH'], 'BIRTH_DATE_YEAR_MONTH'],
  ])('%p → %s', (masks, expected) => {
    expect(strictestMask(masks)).toBe(expected);
  });
});
