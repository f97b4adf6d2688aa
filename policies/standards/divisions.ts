/** GB/T 2260 administrative division codes for Guangzhou (DOMAIN.md). */
export interface Division {
  readonly code: string;
  readonly name: string;
  /** Historical codes still appear inside ID numbers of older people; they are never current units. */
  readonly historical: boolean;
}

export const CITY_DIVISION_CODE = '440100';

export const currentDistricts: ReadonlyArray<Division> = Object.freeze([
  { code: '440103', name: '荔湾区', historical: false },
  { code: '440104', name: '越秀区', historical: false },
  { code: '440105', name: '海珠区', historical: false },
  { code: '440106', name: '天河区', historical: false },
  { code: '440111', name: '白云区', historical: false },
  { code: '440112', name: '黄埔区', historical: false },
  { code: '440113', name: '番禺区', historical: false },
  { code: '440114', name: '花都区', historical: false },
  { code: '440115', name: '南沙区', historical: false },
  { code: '440117', name: '从化区', historical: false },
  { code: '440118', name: '增城区', historical: false },
]);

export const historicalDivisions: ReadonlyArray<Division> = Object.freeze([
  { code: '440102', name: '东山区', historical: true },
  { code: '440107', name: '芳村区', historical: true },
  { code: '440116', name: '萝岗区', historical: true },
  { code: '440181', name: '番禺市', historical: true },
  { code: '440182', name: '花都市', historical: true },
  { code: '440183', name: '增城市', historical: true },
  { code: '440184', name: '从化市', historical: true },
]);

const byCode = new Map(
  [{ code: CITY_DIVISION_CODE, name: '广州市', historical: false }, ...currentDistricts, ...historicalDivisions]
    .map((d) => [d.code, d]),
);

export function divisionByCode(code: string): Division | undefined {
  return byCode.get(code);
}
