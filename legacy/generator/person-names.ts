/** Chinese names with their 姓名拼音 (XMPY), e.g. 陈梓轩 → CHEN ZIXUAN, 李嘉安 → LI JIA'AN. */
import { givenNameCharacters, surnames, type NameStyle } from './name-data';
import { weighted, type Random } from './random';

export interface PersonName {
  readonly name: string;
  readonly pinyin: string;
}

export interface Surname {
  readonly surname: string;
  readonly pinyin: string;
}

const surnameTable: ReadonlyArray<Surname> = surnames.map(([surname, pinyin]) => ({ surname, pinyin }));
export const randomSurname = weighted(surnameTable.map((s, i) => [s, surnames[i]![2]] as const));

/** Pinyin marks a syllable that starts with a vowel with an apostrophe inside a word (JIA'AN). */
function joinSyllable(word: string, syllable: string): string {
  const first = syllable.charCodeAt(0);
  const vowelStart = first === 65 || first === 69 || first === 79; // A, E, O
  return word && vowelStart ? `${word}'${syllable}` : word + syllable;
}

/** A name in `style` (child or adult, by sex); 1 given character in about a quarter of names. */
export function personName(random: Random, style: NameStyle, surname: Surname = randomSurname(random)): PersonName {
  const chars = givenNameCharacters[style];
  const [c1, p1] = random.pick(chars);
  if (random.chance(0.25)) return { name: surname.surname + c1, pinyin: `${surname.pinyin} ${p1}` };
  const [c2, p2] = random.pick(chars);
  return { name: surname.surname + c1 + c2, pinyin: `${surname.pinyin} ${joinSyllable(p1, p2)}` };
}
