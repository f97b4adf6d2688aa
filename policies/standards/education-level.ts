import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 学历码 (DOMAIN.md). */
export const educationLevels: CodeTable = Object.freeze({
  '11': '博士', '14': '硕士', '21': '本科', '31': '专科', '41': '中专', '61': '高中', '90': '其他',
});

export function educationLevelByCode(code: string): CodeName | undefined {
  return codeNameIn(educationLevels, code);
}
