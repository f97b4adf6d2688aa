import { GraphQLError, Lexer, Source, TokenKind, type GraphQLFormattedError } from 'graphql';
import { errors, isErrorCode, type ErrorShape } from '../../policies/errors';
import { isMalformedRequestCode, maskError } from '../../platform/graphql-errors';

/**
 * Counts a document's lexical tokens the way graphql's parser does for
 * `maxTokens`, up to `stopAt`; a lexical error ends the count.
 */
export function countTokens(body: string, stopAt = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(new Source(body));
  let count = 0;
  try {
    while (count < stopAt && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    return count;
  }
  return count;
}

/**
 * A refused document is counted to at most this many times the limit: the
 * parser stopped at the limit so that a megabyte of tokens costs little, and
 * counting all of it for the message would undo that (≈ 80 ms a megabyte).
 */
const COUNT_UP_TO = 10;

function formatted(shape: ErrorShape, locations: GraphQLFormattedError['locations']): GraphQLFormattedError {
  const { http: _http, ...extensions } = shape.extensions;
  return { message: shape.message, ...(locations ? { locations } : {}), extensions };
}

/**
 * Apollo's `formatError` for the gateway: puts our codes on the refusals Apollo
 * itself words. It runs on every error, also on those Apollo answers before
 * the request pipeline (CSRF prevention, batching, a malformed body), which
 * never reach the masking plugin.
 *
 * - a limit rule's QUERY_TOO_COSTLY comes back from Apollo re-coded as
 *   GRAPHQL_VALIDATION_FAILED (its ValidationError overwrites the code); the
 *   wrapped error still carries ours, so it is restored;
 * - the token limit is graphql's own parser option `maxTokens`, which stops
 *   lexing at the limit (so a huge document costs no more than the limit) and
 *   throws a plain syntax error; a parse failure of a document over the limit
 *   is answered as QUERY_TOO_COSTLY with the count of its tokens (or "at
 *   least" ten times the limit);
 * - Apollo's codes for a malformed request become BAD_USER_INPUT;
 * - anything else is left for the masking plugin, which knows the request id.
 */
export function refusalFormatter(maxTokens: number) {
  return (formattedError: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formattedError.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && error instanceof GraphQLError) {
      const original = error.originalError;
      if (original instanceof GraphQLError && isErrorCode(original.extensions.code)) {
        const { http: _http, ...extensions } = original.extensions;
        return { ...formattedError, message: original.message, extensions };
      }
    }
    if (code === 'GRAPHQL_PARSE_FAILED' && error instanceof GraphQLError && error.source) {
      const cap = maxTokens * COUNT_UP_TO;
      const tokens = countTokens(error.source.body, cap);
      if (tokens > maxTokens) {
        return formatted(errors.queryTooCostly(tokens < cap ? 'tokens' : 'tokens (at least)', tokens, maxTokens), formattedError.locations);
      }
    }
    return isMalformedRequestCode(code) ? maskError(formattedError, 'none') : formattedError;
  };
}
