import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/** 教师资格种类 (DOMAIN.md). */
export const teacherQualificationKinds: CodeTable = Object.freeze({
  '1': '幼儿园教师资格', '2': '小学教师资格', '3': '初级中学教师资格', '4': '高级中学教师资格',
  '5': '中等职业学校教师资格', '6': '中等职业学校实习指导教师资格', '7': '高等学校教师资格',
});

export function teacherQualificationKindByCode(code: string): CodeName | undefined {
  return codeNameIn(teacherQualificationKinds, code);
}
