import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 教职工当前状态码 (teacher HR; the student one is student-status.ts). */
export const staffStatuses: CodeTable = Object.freeze({ '01': '在职', '02': '离岗', '03': '退休' });

export function staffStatusByCode(code: string): CodeName | undefined {
  return codeNameIn(staffStatuses, code);
}
