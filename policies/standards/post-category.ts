import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 岗位类别 (DOMAIN.md): named codes first, then the name of the code's range. */
export const postCategories: CodeTable = Object.freeze({ '10': '专任教师', '23': '班主任', '31': '校级领导' });

export const postCategoryRanges: ReadonlyArray<readonly [low: number, high: number, name: string]> = Object.freeze([
  [20, 28, '教师兼管理岗位'], [30, 34, '管理人员'], [40, 49, '教辅人员'], [60, 68, '工勤人员'],
] as const);

export function postCategoryByCode(code: string): CodeName | undefined {
  const named = codeNameIn(postCategories, code);
  if (named) return named;
  const value = Number(code);
  const name = postCategoryRanges.find(([low, high]) => value >= low && value <= high)?.[2];
  return name === undefined ? undefined : { code, name };
}
