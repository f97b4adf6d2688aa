/**
 * The division code a person's ID number carries: the one in force where and
 * when the birth was registered. A number never changes, so people born before
 * Guangzhou's boundary changes keep old codes (DOMAIN.md): 番禺/花都 were cities
 * 440181/440182 until 2000, 东山 440102 and 芳村 440107 merged into 越秀/荔湾 in
 * 2005, 萝岗 440116 existed 2005–2014, 从化/增城 were cities 440184/440183 until
 * 2014, 南沙 split from 番禺 in 2005. Earlier county codes (番禺县 440126 …) are
 * not in policies/standards, so births before 1992 use the city-era codes too.
 */
import { currentDistricts } from '../../policies/standards';
import type { Random } from './random';

/** Current district code → the code a birth registered in `year` carries there. */
export function divisionAtBirth(current: string, year: number, random: Random): string {
  switch (current) {
    case '440104': return year < 2005 && random.chance(0.4) ? '440102' : current;
    case '440103': return year < 2005 && random.chance(0.35) ? '440107' : current;
    case '440112': return year >= 2005 && year < 2014 && random.chance(0.45) ? '440116' : current;
    case '440113': return year < 2000 ? '440181' : current;
    case '440114': return year < 2000 ? '440182' : current;
    case '440115': return year < 2000 ? '440181' : year < 2005 ? '440113' : current;
    case '440117': return year < 2014 ? '440184' : current;
    case '440118': return year < 2014 ? '440183' : current;
    default: return current;
  }
}

/** Elsewhere in Guangdong: 汕头, 湛江, 茂名, 梅州, 汕尾, 揭阳, 清远, 韶关. */
export const otherGuangdongDivisions: ReadonlyArray<string> = Object.freeze([
  '440507', '440511', '440802', '440902', '440923', '441402', '441481', '441502',
  '445202', '445221', '445222', '441802', '440203',
]);

/** Provinces Guangzhou draws staff and families from: 湖南, 广西, 江西, 湖北, 四川, 河南. */
export const otherProvinceDivisions: ReadonlyArray<string> = Object.freeze([
  '430102', '430602', '431002', '450102', '450302', '360102', '360702', '420102',
  '421002', '510104', '410102',
]);

/** Where people of a group were born; what is left of 1 is born in another province. */
export interface BirthplaceMix {
  readonly sameDistrict: number;
  readonly otherGuangzhou: number;
  readonly otherGuangdong: number;
}

/** The division code in the ID number of someone living in `home`, born in `year`. */
export function randomBirthDivision(random: Random, home: string, year: number, mix: BirthplaceMix): string {
  const r = random.next();
  if (r < mix.sameDistrict) return divisionAtBirth(home, year, random);
  if (r < mix.sameDistrict + mix.otherGuangzhou) return divisionAtBirth(random.pick(currentDistricts).code, year, random);
  if (r < mix.sameDistrict + mix.otherGuangzhou + mix.otherGuangdong) return random.pick(otherGuangdongDivisions);
  return random.pick(otherProvinceDivisions);
}
