import { errors } from '../../policies/errors';
import { schoolLevelOf, type SchoolLevel } from '../../policies/standards';
import { toGraphQLError } from '../../platform/graphql-errors';
import { requirePurpose } from '../kit/require-purpose';
import { scopeFilter, scopeOf } from '../kit/row-scope';
import { checkedIdNumber, checkedName, normalisedName } from '../kit/verification-input';
import { StudentDbUnavailable } from './adapter';
import type { StudentContext } from './resolvers';

/**
 * 学籍核验 (catalog GZJY-HY-001): does the person named by ID number and name
 * hold a student record, are they in school, at which level. The answer is
 * the three fields and nothing else — no 学号, school, class or status name,
 * and no hint whether the ID number or the name was the one that did not
 * match — so a department granted the verification learns the fact it asked
 * about and no more (minimum necessary, 解读之六). The look-up is one
 * statement by the SFZJH index, with the row scope in its WHERE clause.
 */
export interface EnrollmentVerification {
  readonly match: boolean;
  readonly enrolled: boolean;
  readonly schoolLevel: SchoolLevel | null;
}

const COORDINATE = 'Query.verifyEnrollment';
const IN_SCHOOL = '01';
const NOT_MATCHED: EnrollmentVerification = Object.freeze({ match: false, enrolled: false, schoolLevel: null });

export async function verifyEnrollment(args: { idNumber: string; name: string }, context: StudentContext): Promise<EnrollmentVerification> {
  requirePurpose(context, COORDINATE);
  const idNumber = checkedIdNumber(args.idNumber, COORDINATE);
  const name = checkedName(args.name, COORDINATE);
  let rows;
  try {
    rows = await context.db.enrollmentsByIdNumber(idNumber, scopeFilter(scopeOf(context, COORDINATE)));
  } catch (error) {
    if (error instanceof StudentDbUnavailable) throw toGraphQLError(errors.upstreamUnavailable('student-status', COORDINATE));
    throw error;
  }
  const matched = rows.filter((row) => normalisedName(row.name) === name);
  if (matched.length === 0) return NOT_MATCHED;
  const current = matched.find((row) => row.status === IN_SCHOOL);
  if (!current) return { match: true, enrolled: false, schoolLevel: null };
  return { match: true, enrolled: true, schoolLevel: schoolLevelOf(current.runningType, current.grade) ?? null };
}
