import { errorCodes, errors } from '../../policies/errors';
import { maskError } from '../graphql-errors';

describe('maskError', () => {
  it('passes our codes without stack traces or http details', () => {
    const shape = errors.notGranted('Student.idNumber', 'GZJY-XS-002');
    const masked = maskError({ message: shape.message, extensions: { ...shape.extensions, stacktrace: ['at x (/srv/a.ts:1)'] } }, 'r1');
    expect(masked.extensions).toEqual({ code: 'NOT_GRANTED', coordinate: 'Student.idNumber', resource: 'GZJY-XS-002' });
  });

  it('masks anything without one of our codes, keeping the path and the request id', () => {
    const masked = maskError({ message: 'connect ECONNREFUSED 10.0.0.5:5432', path: ['students'], extensions: { code: 'WHATEVER' } }, 'r2');
    expect(masked).toEqual({
      message: expect.stringContaining('r2'), path: ['students'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r2' },
    });
    expect(masked.message).not.toContain('10.0.0.5');
  });

  it('turns Apollo\'s malformed-operation codes into BAD_USER_INPUT', () => {
    expect(maskError({ message: 'Syntax Error: Expected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, 'r3').extensions)
      .toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('lists the same codes as DESIGN.md\'s table', () => {
    expect(Object.keys(errorCodes).sort()).toEqual([
      'BAD_USER_INPUT', 'FORBIDDEN', 'INTERNAL_SERVER_ERROR', 'NOT_GRANTED', 'NOT_SHARED', 'OUT_OF_SCOPE',
      'QUERY_TOO_COSTLY', 'RATE_LIMITED', 'UNAUTHENTICATED', 'UPSTREAM_UNAVAILABLE',
    ]);
  });
});
