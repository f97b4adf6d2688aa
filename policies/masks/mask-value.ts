import type { MaskKind } from '../catalog';
import { keepEnds } from './keep-ends';
import { maskAddress } from './mask-address';
import { maskName } from './mask-name';
import { maskPhone } from './mask-phone';

/**
 * Blurs a field's value as a grant's mask requires, after the record is
 * loaded and before it leaves the subgraph (the provider's conditions on the
 * content of shared data, Measures 第五章 有条件共享). Pure: null stays null
 * (nothing to hide), the empty string stays empty. A value the mask cannot
 * read is starred rather than passed through.
 */
export function maskValue(kind: MaskKind, value: string | null): string | null {
  if (value === null || value === '') return value;
  switch (kind) {
    case 'NAME':
      return maskName(value);
    case 'ID_NUMBER_REGION_AND_CHECK':
      return keepEnds(value, 6, 1);
    case 'ID_NUMBER_BIRTH_YEAR':
      return keepEnds(value, birthYearEnd(value), 0);
    case 'PHONE':
      return maskPhone(value);
    case 'BIRTH_DATE_YEAR_MONTH':
      return /^\d{4}-\d{2}(?=-\d{2}$)/.exec(value)?.[0] ?? keepEnds(value, 0, 0);
    case 'BIRTH_DATE_YEAR':
      return /^\d{4}(?=-\d{2}-\d{2}$)/.exec(value)?.[0] ?? keepEnds(value, 0, 0);
    case 'ADDRESS_DISTRICT':
      return maskAddress(value);
  }
}

/** Region code + birth year: 10 characters of an 18-digit number, 8 of a 15-digit one (two-digit year). */
function birthYearEnd(idNumber: string): number {
  return /^\d{15}$/.test(idNumber) ? 8 : 10;
}
