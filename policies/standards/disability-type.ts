import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 残疾类型码 of the national student form. */
export const disabilityTypes: CodeTable = Object.freeze({
  '1': '视力残疾', '2': '听力残疾', '3': '言语残疾', '4': '肢体残疾', '5': '智力残疾', '6': '精神残疾', '7': '多重残疾', '9': '其他残疾',
});

export function disabilityTypeByCode(code: string): CodeName | undefined {
  return codeNameIn(disabilityTypes, code);
}
