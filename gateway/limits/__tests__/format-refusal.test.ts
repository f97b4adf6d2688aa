import { GraphQLError, parse, Source } from 'graphql';
import { errors } from '../../../policies/errors';
import { toGraphQLError } from '../../../platform/graphql-errors';
import { countTokens, refusalFormatter } from '../format-refusal';

const format = refusalFormatter(10);

/** What Apollo would hand formatError for an error it raised itself: formatted with its code, plus the error. */
function apolloFormatted(error: GraphQLError, code: string) {
  return format({ message: error.message, extensions: { ...error.extensions, code } }, error);
}

describe('refusalFormatter: our codes on the refusals Apollo words', () => {
  it('counts tokens as graphql does (comments and commas are not tokens)', () => {
    expect(countTokens('{ a, b # c\n }')).toBe(4);
    expect(countTokens('{ a "unterminated')).toBe(2);
    expect(countTokens('{ a b c }', 3)).toBe(3);
  });

  it('answers a parse aborted by maxTokens as QUERY_TOO_COSTLY with the real count', () => {
    const query = `{ ${'a '.repeat(20)}}`;
    let aborted: GraphQLError | undefined;
    try {
      parse(query, { maxTokens: 10 });
    } catch (error) {
      aborted = error as GraphQLError;
    }
    expect(apolloFormatted(aborted!, 'GRAPHQL_PARSE_FAILED')).toEqual({
      message: expect.stringContaining('the limit is 10'), extensions: { code: 'QUERY_TOO_COSTLY', limit: 'tokens', figure: 22, maximum: 10 },
    });
  });

  it('stops counting at ten times the limit and says so', () => {
    const query = `{ ${'a '.repeat(500)}}`;
    const error = new GraphQLError('Syntax Error: Document contains more that 10 tokens. Parsing aborted.', { source: new Source(query) });
    expect(apolloFormatted(error, 'GRAPHQL_PARSE_FAILED')).toEqual({
      message: 'Operation refused: tokens (at least) is 100, the limit is 10. Split the operation or ask for fewer items.',
      extensions: { code: 'QUERY_TOO_COSTLY', limit: 'tokens (at least)', figure: 100, maximum: 10 },
    });
  });

  it('keeps a short document\'s syntax error a BAD_USER_INPUT', () => {
    const error = new GraphQLError('Syntax Error: Expected Name, found "}".', { source: new Source('{ a( }') });
    expect(apolloFormatted(error, 'GRAPHQL_PARSE_FAILED').extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('restores the code of a limit rule that Apollo re-coded as GRAPHQL_VALIDATION_FAILED', () => {
    const ours = toGraphQLError(errors.queryTooCostly('depth', 12, 10));
    const wrapped = new GraphQLError(ours.message, { originalError: ours, extensions: { ...ours.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(apolloFormatted(wrapped, 'GRAPHQL_VALIDATION_FAILED').extensions).toEqual({ code: 'QUERY_TOO_COSTLY', limit: 'depth', figure: 12, maximum: 10 });
  });

  it('turns Apollo\'s BAD_REQUEST (CSRF, batching) into BAD_USER_INPUT and leaves the rest to the masking plugin', () => {
    const csrf = new GraphQLError('This operation has been blocked as a potential Cross-Site Request Forgery (CSRF).');
    expect(apolloFormatted(csrf, 'BAD_REQUEST')).toEqual({ message: csrf.message, extensions: { code: 'BAD_USER_INPUT' } });
    const other = new GraphQLError('boom');
    expect(apolloFormatted(other, 'INTERNAL_SERVER_ERROR').extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
