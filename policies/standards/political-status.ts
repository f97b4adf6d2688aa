import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** GB/T 4762 政治面貌代码; students are mostly 13 群众 or 03 共青团员. */
export const politicalStatuses: CodeTable = Object.freeze({
  '01': '中共党员', '02': '中共预备党员', '03': '共青团员', '04': '民革党员', '05': '民盟盟员',
  '06': '民建会员', '07': '民进会员', '08': '农工党党员', '09': '致公党党员', '10': '九三学社社员',
  '11': '台盟盟员', '12': '无党派人士', '13': '群众',
});

export function politicalStatusByCode(code: string): CodeName | undefined {
  return codeNameIn(politicalStatuses, code);
}
