import { errors } from '../../policies/errors';
import { isValidIdNumber, schoolLevelOf, type SchoolLevel } from '../../policies/standards';
import { toGraphQLError } from '../../platform/graphql-errors';
import { requirePurpose } from '../kit/require-purpose';
import { scopeFilter, scopeOf } from '../kit/row-scope';
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

/** A GB 11643 number (a lower-case check x accepted); anything else is BAD_USER_INPUT naming `idNumber`, before any legacy call. */
export function checkedIdNumber(raw: string, coordinate: string): string {
  const idNumber = raw.trim().toUpperCase();
  if (!isValidIdNumber(idNumber)) {
    throw toGraphQLError(errors.badUserInput('idNumber', 'is not a valid 18-character citizen ID number (GB 11643: 17 digits and a check character).', coordinate));
  }
  return idNumber;
}

export function checkedName(raw: string, coordinate: string): string {
  const name = normalisedName(raw);
  if (name.length === 0 || name.length > 50) throw toGraphQLError(errors.badUserInput('name', 'must be the person\'s name, 1 to 50 characters.', coordinate));
  return name;
}

/** Full-width forms, spaces and the several middle dots of minority names (阿依古丽·买买提) compare equal. */
export function normalisedName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/[·•・‧∙]/g, '·');
}
