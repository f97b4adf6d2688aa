import type { IncomingMessage } from 'node:http';
import { errors, PURPOSE_HEADER } from '../policies/errors';
import { RefusedRequest } from '../platform/http-graphql';

/** Purposes are short phrases (户籍迁入审核); anything longer is not one. */
const MAX_PURPOSE_LENGTH = 200;

/**
 * The purpose a request declares in the `x-edupool-purpose` header (README
 * "Purpose"), or undefined without one. HTTP header values are bytes, so the
 * value is UTF-8, percent-encoded (`encodeURIComponent('户籍迁入审核')`);
 * plain ASCII needs no encoding. A value that does not decode is refused
 * with BAD_USER_INPUT (400) rather than read as no purpose.
 */
export function declaredPurpose(request: IncomingMessage): string | undefined {
  const raw = request.headers[PURPOSE_HEADER];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  let purpose: string;
  try {
    purpose = decodeURIComponent(Buffer.from(value, 'latin1').toString('utf8')).trim();
  } catch {
    throw new RefusedRequest(400, errors.badUserInput(PURPOSE_HEADER, 'not a percent-encoded UTF-8 text; send encodeURIComponent(purpose).'));
  }
  if (purpose === '' || purpose.length > MAX_PURPOSE_LENGTH) {
    throw new RefusedRequest(400, errors.badUserInput(PURPOSE_HEADER, `a purpose is 1 to ${MAX_PURPOSE_LENGTH} characters; leave the header out to declare none.`));
  }
  return purpose;
}
