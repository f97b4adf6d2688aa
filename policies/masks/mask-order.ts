import { maskKinds, type MaskKind } from '../catalog';

/**
 * How restrictive each mask is. Masks come in families that blur the same
 * kind of value; within a family a higher level reveals less. Combining
 * conditions on one field takes the most restrictive (DESIGN.md "Units,
 * tokens, grants"), whatever the order the conditions arrive in.
 */
const levels: Readonly<Record<MaskKind, { readonly family: string; readonly level: number }>> = {
  NAME: { family: 'name', level: 1 },
  // Region + birth year (10 characters) reveals more than region + check character (7).
  ID_NUMBER_BIRTH_YEAR: { family: 'id-number', level: 1 },
  ID_NUMBER_REGION_AND_CHECK: { family: 'id-number', level: 2 },
  PHONE: { family: 'phone', level: 1 },
  BIRTH_DATE_YEAR_MONTH: { family: 'birth-date', level: 1 },
  BIRTH_DATE_YEAR: { family: 'birth-date', level: 2 },
  ADDRESS_DISTRICT: { family: 'address', level: 1 },
};

/**
 * The more restrictive of two masks; `undefined` is the exact value and loses
 * to any mask. The shipped catalog allows one family per field, so masks of different
 * families never meet on one field; should they, the later kind in `maskKinds`
 * wins, only to keep the result independent of order.
 */
export function stricterMask(a: MaskKind | undefined, b: MaskKind | undefined): MaskKind | undefined {
  if (a === undefined || a === b) return b;
  if (b === undefined) return a;
  const [la, lb] = [levels[a], levels[b]];
  if (la.family === lb.family) return la.level >= lb.level ? a : b;
  return maskKinds.indexOf(a) > maskKinds.indexOf(b) ? a : b;
}

/** The most restrictive of any number of masks; undefined when there are none. */
export function strictestMask(masks: Iterable<MaskKind | undefined>): MaskKind | undefined {
  let strictest: MaskKind | undefined;
  for (const mask of masks) strictest = stricterMask(strictest, mask);
  return strictest;
}
