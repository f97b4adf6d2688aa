import { CITY_DIVISION_CODE, currentDistricts, divisionByCode, historicalDivisions } from '../standards';

const CITY = divisionByCode(CITY_DIVISION_CODE)!.name;

/** Guangzhou's districts, current and historical: household registrations still name 东山区 or 番禺市. */
const districtNames = [...currentDistricts, ...historicalDivisions].map((d) => d.name).join('|');
const GUANGZHOU = new RegExp(`^(?:广东省)?(?:${CITY})?(${districtNames})`);

/** Elsewhere: province (or autonomous region), prefecture-level city, district or county. */
const ELSEWHERE = /^([^省市]{2,7}?(?:省|自治区))?([^省市区县]{2,8}?(?:市|自治州|地区|盟))([^省市区县]{1,9}?(?:区|县|市|旗))?/;

/**
 * `广东省广州市天河区华景路1号` → `广州市天河区`: the address down to its
 * district, nothing finer. Addresses outside Guangzhou (a household register
 * elsewhere) keep province, city and district as written. When no district
 * can be recognised the answer is the city alone, `广州市`, never the input.
 */
export function maskAddress(address: string): string {
  const compact = address.replace(/\s/g, '');
  const guangzhou = GUANGZHOU.exec(compact);
  if (guangzhou) return CITY + guangzhou[1]!;
  const [, province, city, district] = ELSEWHERE.exec(compact) ?? [];
  // A lone "…市" could be a street (`花城市场`): another city counts only with its province or district.
  if (city !== undefined && city !== CITY && (province ?? district) !== undefined) {
    return (province ?? '') + city + (district ?? '');
  }
  return CITY;
}
