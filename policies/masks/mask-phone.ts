import { keepEnds } from './keep-ends';

const MOBILE = /^(?:\+?86)?(1\d{10})$/;
/** 020-87654321, (020)87654321, 0757 2345678, with an optional extension. */
const LANDLINE_WITH_SEPARATOR = /^\(?(0\d{2,3})(?:\)[-\s]?|[-\s])(\d{7,8})(?:-\d{1,6})?$/;

/**
 * Mobiles keep the network prefix and the last four digits (`138****1234`);
 * landlines keep the area code and the last four (`020-****4321`). Anything
 * else keeps only its last four characters.
 */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/[\s-]/g, '');
  const mobile = MOBILE.exec(compact);
  if (mobile) return `${mobile[1]!.slice(0, 3)}****${mobile[1]!.slice(7)}`;
  const landline = LANDLINE_WITH_SEPARATOR.exec(phone.trim()) ?? splitAreaCode(compact);
  if (landline) return `${landline[1]}-${keepEnds(landline[2]!, 0, 4)}`;
  return keepEnds(phone.trim(), 0, 4);
}

/** `02087654321` → area code `020`: 010 and 02x codes are three digits, the others four. */
function splitAreaCode(digits: string): [string, string, string] | undefined {
  if (!/^0\d{9,11}$/.test(digits)) return undefined;
  const areaLength = /^0[12]/.test(digits) ? 3 : 4;
  return [digits, digits.slice(0, areaLength), digits.slice(areaLength)];
}
