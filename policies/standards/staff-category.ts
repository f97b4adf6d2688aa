import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 编制类别 (BZLBM). */
export const staffCategories: CodeTable = Object.freeze({
  '1': '行政编制', '2': '事业编制', '3': '企业编制', '9': '无编制',
});

export function staffCategoryByCode(code: string): CodeName | undefined {
  return codeNameIn(staffCategories, code);
}
