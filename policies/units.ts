import { CITY_DIVISION_CODE, currentDistricts } from './standards';

/**
 * The kinds of unit that take part in sharing (DESIGN.md "Units, tokens, grants").
 * Education departments (the two bureau kinds) govern their own jurisdiction and
 * endorse the applications of the units below them.
 */
export type UnitType = 'CITY_BUREAU' | 'DISTRICT_BUREAU' | 'SCHOOL' | 'SUPPORT_AGENCY' | 'PARTNER_DEPARTMENT';

export const unitTypes: ReadonlyArray<UnitType> = Object.freeze([
  'CITY_BUREAU', 'DISTRICT_BUREAU', 'SCHOOL', 'SUPPORT_AGENCY', 'PARTNER_DEPARTMENT',
] as const);

export interface Unit {
  /** Bureaus: GB/T 2260 division code; schools: 学校标识码; others: a short code. */
  readonly code: string;
  readonly name: string;
  readonly type: UnitType;
  /** The unit whose jurisdiction this one falls in; absent at the roots. */
  readonly parent?: string;
}

/** The research institute (教研院), a support agency of the city bureau. */
export const RESEARCH_INSTITUTE_CODE = 'GZJYYJY';

const cityBureau: Unit = { code: CITY_DIVISION_CODE, name: '广州市教育局', type: 'CITY_BUREAU' };

const districtBureaus: Unit[] = currentDistricts.map((district) => ({
  code: district.code,
  name: `${district.name}教育局`,
  type: 'DISTRICT_BUREAU',
  parent: CITY_DIVISION_CODE,
}));

const researchInstitute: Unit = {
  code: RESEARCH_INSTITUTE_CODE,
  name: '广州市教育研究院',
  type: 'SUPPORT_AGENCY',
  parent: CITY_DIVISION_CODE,
};

/** Partner departments stand outside the education system: no parent, no superior education department. */
const partnerDepartments: Unit[] = [
  { code: 'GZGAJ', name: '广州市公安局', type: 'PARTNER_DEPARTMENT' },
  { code: 'GZWJW', name: '广州市卫生健康委员会', type: 'PARTNER_DEPARTMENT' },
  { code: 'GZMZJ', name: '广州市民政局', type: 'PARTNER_DEPARTMENT' },
  { code: 'GZRSJ', name: '广州市人力资源和社会保障局', type: 'PARTNER_DEPARTMENT' },
  { code: 'GZTJJ', name: '广州市统计局', type: 'PARTNER_DEPARTMENT' },
];

/**
 * Every unit except schools. Schools are not fixed: they are read from the
 * legacy school directory at start-up and added with `schoolUnit`.
 */
export const fixedUnits: ReadonlyArray<Unit> = Object.freeze(
  [cityBureau, ...districtBureaus, researchInstitute, ...partnerDepartments].map((u) => Object.freeze(u)),
);

/** A school of the directory, under the bureau of the district it lies in. */
export function schoolUnit(code: string, name: string, districtCode: string): Unit {
  return Object.freeze({ code, name, type: 'SCHOOL', parent: districtCode });
}
