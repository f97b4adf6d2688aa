import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 入学方式码 (DOMAIN.md "Student status"). */
export const enrollmentMethods: CodeTable = Object.freeze({
  '11': '就近入学', '12': '其他', '21': '统一招生考试', '22': '体育特长招生', '23': '艺术特长招生',
});

export function enrollmentMethodByCode(code: string): CodeName | undefined {
  return codeNameIn(enrollmentMethods, code);
}
