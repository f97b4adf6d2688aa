import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 健康状况码 (sensitive personal information, DOMAIN.md). */
export const healthStatuses: CodeTable = Object.freeze({
  '10': '健康或良好', '20': '一般或较弱', '30': '有慢性病', '40': '有生理缺陷', '50': '残疾',
});

export function healthStatusByCode(code: string): CodeName | undefined {
  return codeNameIn(healthStatuses, code);
}
