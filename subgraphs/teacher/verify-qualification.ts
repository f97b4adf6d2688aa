import { errors } from '../../policies/errors';
import { teacherQualificationKindByCode } from '../../policies/standards';
import { toGraphQLError } from '../../platform/graphql-errors';
import { requirePurpose } from '../kit/require-purpose';
import { schoolsInScope, scopeOf } from '../kit/row-scope';
import { checkedIdNumber, checkedName, normalisedName } from '../kit/verification-input';
import { TeacherApiUnavailable } from './adapter';
import type { TeacherContext } from './resolvers';

/**
 * 教师资格核验 (catalog GZJY-HY-002): does the person named by ID number and
 * name hold this 教师资格种类. One yes or no and nothing else: not whether the
 * person is a teacher at all, nor which field failed, nor any field of the
 * record (minimum necessary, 解读之六). One call to the HR system's search
 * endpoint, with the row scope's schools pushed into it. The kind is compared
 * exactly: which lower levels a higher qualification also allows one to teach
 * is a rule for the asking department to apply, not a fact of the record.
 */
const COORDINATE = 'Query.verifyTeacherQualification';

export async function verifyTeacherQualification(
  args: { idNumber: string; name: string; kind: string }, context: TeacherContext,
): Promise<{ qualified: boolean }> {
  requirePurpose(context, COORDINATE);
  const idNumber = checkedIdNumber(args.idNumber, COORDINATE);
  const name = checkedName(args.name, COORDINATE);
  const kind = args.kind.trim();
  if (!teacherQualificationKindByCode(kind)) {
    throw toGraphQLError(errors.badUserInput('kind', `${args.kind} is not a 教师资格种类 code (1 幼儿园 … 7 高等学校).`, COORDINATE));
  }
  const schools = schoolsInScope(scopeOf(context, COORDINATE), undefined);
  let teachers;
  try {
    teachers = await context.adapter.teachersByIdNumber(idNumber, schools ? { schoolCodes: schools } : {});
  } catch (error) {
    if (error instanceof TeacherApiUnavailable) throw toGraphQLError(errors.upstreamUnavailable('teacher-hr', COORDINATE));
    throw error;
  }
  const qualified = teachers.some((teacher) => normalisedName(teacher.name) === name && teacher.qualificationKind?.code === kind);
  return { qualified };
}
