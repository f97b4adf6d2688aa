/**
 * GB 11643-1999 citizen ID number: 6-digit division, 8-digit birth date,
 * 3-digit sequence (odd = male, even = female), ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The check character for the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

export function isValidIdNumber(idNumber: string): boolean {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return false;
  if (idNumber.slice(17) !== idNumberCheckCharacter(idNumber.slice(0, 17))) return false;
  const birth = idNumber.slice(6, 14);
  const y = Number(birth.slice(0, 4)), m = Number(birth.slice(4, 6)), d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Sex by the sequence's parity: '1' male (odd), '2' female (even), as GB/T 2261.1 codes. */
export function sexOfIdNumber(idNumber: string): '1' | '2' {
  return Number(idNumber.charAt(16)) % 2 === 1 ? '1' : '2';
}

export function birthDateOfIdNumber(idNumber: string): string {
  return idNumber.slice(6, 14);
}
