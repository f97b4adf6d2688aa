/** 学校标识码 categories and 办学类型码 (DOMAIN.md "Schools"). */
export type SchoolCategory = '11' | '21' | '31' | '34' | '36' | '51';

export const schoolCategories: Readonly<Record<SchoolCategory, string>> = Object.freeze({
  '11': '幼儿园',
  '21': '小学',
  '31': '初级中学',
  '34': '高级中学',
  '36': '中等职业学校',
  '51': '特殊教育学校',
});

export interface RunningType {
  readonly code: string;
  readonly name: string;
  /** The 学校标识码 category a school of this running type carries. */
  readonly category: SchoolCategory;
  /** The grades (年级码) it teaches. */
  readonly grades: ReadonlyArray<string>;
}

const PRIMARY = ['11', '12', '13', '14', '15', '16'];
const JUNIOR = ['21', '22', '23'];
const SENIOR = ['31', '32', '33'];

const runningTypeRows: ReadonlyArray<RunningType> = [
  { code: '211', name: '小学', category: '21', grades: PRIMARY },
  { code: '218', name: '小学教学点', category: '21', grades: ['11', '12', '13'] },
  { code: '311', name: '初级中学', category: '31', grades: JUNIOR },
  { code: '312', name: '九年一贯制学校', category: '31', grades: [...PRIMARY, ...JUNIOR] },
  { code: '341', name: '完全中学', category: '34', grades: [...JUNIOR, ...SENIOR] },
  { code: '342', name: '高级中学', category: '34', grades: SENIOR },
  { code: '345', name: '十二年一贯制学校', category: '34', grades: [...PRIMARY, ...JUNIOR, ...SENIOR] },
  { code: '365', name: '职业高中', category: '36', grades: SENIOR },
  { code: '511', name: '盲人学校', category: '51', grades: PRIMARY },
  { code: '512', name: '聋人学校', category: '51', grades: PRIMARY },
  { code: '513', name: '培智学校', category: '51', grades: PRIMARY },
  { code: '514', name: '其他特教学校', category: '51', grades: PRIMARY },
];

export const runningTypes: ReadonlyArray<RunningType> = Object.freeze(runningTypeRows.map((t) => Object.freeze(t)));

const byCode = new Map(runningTypes.map((t) => [t.code, t]));

export function runningTypeByCode(code: string): RunningType | undefined {
  return byCode.get(code);
}

/** 办别码. */
export const ownershipTypes: Readonly<Record<string, string>> = Object.freeze({
  '21': '公办',
  '22': '民办',
  '23': '民办公助',
  '29': '其他',
});

/** A Guangzhou 学校标识码: category + province 44 + 6-digit sequence. */
export function isSchoolCode(code: string): boolean {
  return /^(11|21|31|34|36|51)44\d{6}$/.test(code);
}
