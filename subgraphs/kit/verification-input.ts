import { errors } from '../../policies/errors';
import { isValidIdNumber } from '../../policies/standards';
import { toGraphQLError } from '../../platform/graphql-errors';

/**
 * The arguments every verification (核验) takes, checked before any legacy
 * call: a malformed argument is BAD_USER_INPUT naming it, and says nothing
 * about any record.
 */

/** A GB 11643 number (a lower-case check x accepted). */
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
