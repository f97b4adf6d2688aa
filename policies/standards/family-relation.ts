import { codeNameIn, type CodeName, type CodeTable } from './code-name';

/**
 * GB/T 4761-2008 家庭关系代码, the entries a student's family members use.
 * (11 夫 / 12 妻 are spouses, not a pupil's parents.)
 */
export const familyRelations: CodeTable = Object.freeze({
  '51': '父亲', '52': '母亲', '61': '祖父', '62': '祖母', '63': '外祖父', '64': '外祖母', '97': '其他亲属',
});

export function familyRelationByCode(code: string): CodeName | undefined {
  return codeNameIn(familyRelations, code);
}
