import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { errors, isErrorCode, type ErrorShape } from '../policies/errors';

/** Turns one of our error shapes into a GraphQLError that Apollo passes through as is. */
export function toGraphQLError(shape: ErrorShape, path?: ReadonlyArray<string | number>): GraphQLError {
  return new GraphQLError(shape.message, { extensions: { ...shape.extensions }, ...(path ? { path } : {}) });
}

/** Apollo's own codes for a malformed operation: to clients they are BAD_USER_INPUT, with Apollo's message. */
const malformedRequestCodes = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

export function isMalformedRequestCode(code: unknown): boolean {
  return typeof code === 'string' && malformedRequestCodes.has(code);
}

const apqMistakes = new Set(['provided sha does not match query', 'Unsupported persisted query version']);

/** graphql's notice when validation stopped at `maxErrors`; the error before it is the one the client needs. */
export const VALIDATION_ABORTED = 'Too many validation errors, error limit reached. Validation aborted.';

/** Longest run of a client's text (a name, a value, a header) echoed in an error message; longer runs are cut to a prefix. */
export const ECHO_PREFIX_LENGTH = 40;

/**
 * Cuts every quoted run in a message longer than ECHO_PREFIX_LENGTH to its
 * prefix and an ellipsis: graphql quotes the names and values it echoes
 * (`Cannot query field "…"`), and a 900 KB field name must not come back in
 * full.
 */
export function cutEchoes(message: string): string {
  return message.replace(/"((?:[^"\\]|\\.){41,})"/g, (_quoted, inner: string) => `"${inner.slice(0, ECHO_PREFIX_LENGTH)}…"`);
}

/**
 * The error normaliser every server installs as `formatError`: errors with one
 * of our codes pass (without stack traces), a malformed operation becomes
 * BAD_USER_INPUT, and everything else is masked
 * so that no internal address or stack ever reaches a client. Never throws.
 */
export function maskError(formatted: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, http: _http, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, message: cutEchoes(formatted.message), extensions: { ...extensions, code } };
  }
  if (isMalformedRequestCode(code)) {
    return { message: cutEchoes(formatted.message), ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code: 'BAD_USER_INPUT' } };
  }
  // The automatic-persisted-query protocol needs its own codes so that clients retry with the full text.
  if (code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'PERSISTED_QUERY_NOT_SUPPORTED') {
    return { message: cutEchoes(formatted.message), extensions: { code } };
  }
  // Apollo raises these two client mistakes without a code; they are not internal errors.
  if (apqMistakes.has(formatted.message)) {
    return { ...errors.badUserInput('extensions.persistedQuery', `${formatted.message}: send the sha256 (hex) of the exact query text, with version 1.`) };
  }
  const masked = errors.internal(requestId);
  return {
    message: masked.message,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { ...masked.extensions },
  };
}
