/**
 * GB/T 3304 民族代码: numeric code, two-letter code, name.
 * Some public code libraries give 水族 as SW; the standard says SU (DOMAIN.md).
 */
export interface Ethnicity {
  readonly code: string;
  readonly letters: string;
  readonly name: string;
}

const table: ReadonlyArray<readonly [string, string]> = [
  ['汉族', 'HA'], ['蒙古族', 'MG'], ['回族', 'HU'], ['藏族', 'ZA'], ['维吾尔族', 'UG'],
  ['苗族', 'MH'], ['彝族', 'YI'], ['壮族', 'ZH'], ['布依族', 'BY'], ['朝鲜族', 'CS'],
  ['满族', 'MA'], ['侗族', 'DO'], ['瑶族', 'YA'], ['白族', 'BA'], ['土家族', 'TJ'],
  ['哈尼族', 'HN'], ['哈萨克族', 'KZ'], ['傣族', 'DA'], ['黎族', 'LI'], ['傈僳族', 'LS'],
  ['佤族', 'VA'], ['畲族', 'SH'], ['高山族', 'GS'], ['拉祜族', 'LH'], ['水族', 'SU'],
  ['东乡族', 'DX'], ['纳西族', 'NX'], ['景颇族', 'JP'], ['柯尔克孜族', 'KG'], ['土族', 'TU'],
  ['达斡尔族', 'DU'], ['仫佬族', 'ML'], ['羌族', 'QI'], ['布朗族', 'BL'], ['撒拉族', 'SL'],
  ['毛南族', 'MN'], ['仡佬族', 'GL'], ['锡伯族', 'XB'], ['阿昌族', 'AC'], ['普米族', 'PM'],
  ['塔吉克族', 'TA'], ['怒族', 'NU'], ['乌孜别克族', 'UZ'], ['俄罗斯族', 'RS'], ['鄂温克族', 'EW'],
  ['德昂族', 'DE'], ['保安族', 'BN'], ['裕固族', 'YG'], ['京族', 'GI'], ['塔塔尔族', 'TT'],
  ['独龙族', 'DR'], ['鄂伦春族', 'OR'], ['赫哲族', 'HZ'], ['门巴族', 'MB'], ['珞巴族', 'LB'],
  ['基诺族', 'JN'],
];

export const ethnicities: ReadonlyArray<Ethnicity> = Object.freeze(
  table.map(([name, letters], index) =>
    Object.freeze({ code: String(index + 1).padStart(2, '0'), letters, name })),
);

const byCode = new Map(ethnicities.map((e) => [e.code, e]));

/** The GB/T 3304 entry for a numeric code, or undefined for codes outside the standard (97/98 "other"). */
export function ethnicityByCode(code: string): Ethnicity | undefined {
  return byCode.get(code);
}
