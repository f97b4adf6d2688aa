/** GB 11643 ID numbers and the 学籍号 forms built from them (DOMAIN.md). */
import { idNumberCheckCharacter } from '../../policies/standards';
import type { Random } from './random';

function threeDigits(sequence: number): string {
  return sequence < 10 ? `00${sequence}` : sequence < 100 ? `0${sequence}` : String(sequence);
}

/** division (6) + birth date (8) + sequence (3, odd = male) + check character. */
export function idNumber(division: string, birthDate: string, sequence: number): string {
  const first17 = division + birthDate + threeDigits(sequence);
  return first17 + idNumberCheckCharacter(first17);
}

/** A random sequence 001–999 whose parity gives the sex ('1' male odd, '2' female even). */
export function randomSequence(random: Random, sex: '1' | '2'): number {
  return 2 * random.int(sex === '1' ? 0 : 1, 499) + (sex === '1' ? 1 : 0);
}

/** Official 学籍号 of a pupil with an ID: G + the ID number. */
export function gStudentNumber(id: string): string {
  return `G${id}`;
}

/** Official 学籍号 without an ID: J + 18 characters built like an ID from the school's district. */
export function jStudentNumber(schoolDistrict: string, birthDate: string, sequence: number): string {
  return `J${idNumber(schoolDistrict, birthDate, sequence)}`;
}

/** Temporary 学籍号: L + school's district + birth date + 4 digits, replaced by a G number later. */
export function lStudentNumber(schoolDistrict: string, birthDate: string, fourDigits: string): string {
  return `L${schoolDistrict}${birthDate}${fourDigits}`;
}
