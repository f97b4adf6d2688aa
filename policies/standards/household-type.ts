import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 户口性质 GA 324.1 (one digit; the 学籍 system's trailing-0 form is the mapper's concern). */
export const householdTypes: CodeTable = Object.freeze({
  '0': '未落常住户口', '1': '非农业家庭户口', '2': '农业家庭户口', '3': '非农业集体户口', '4': '农业集体户口',
  '5': '自理口粮户口', '6': '寄住户口', '7': '暂住户口', '8': '其他户口',
});

export function householdTypeByCode(code: string): CodeName | undefined {
  return codeNameIn(householdTypes, code);
}
