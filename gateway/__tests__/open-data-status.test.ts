import { failureStatus } from '../open-data';

describe('a failed open-data download answers with the status its first error calls for', () => {
  it.each([
    ['UPSTREAM_UNAVAILABLE', 503],
    ['RATE_LIMITED', 429],
    ['UNAUTHENTICATED', 401],
    ['BAD_USER_INPUT', 400],
    ['QUERY_TOO_COSTLY', 400],
    ['INTERNAL_SERVER_ERROR', 500],
  ])('%s → %d', (code, status) => {
    expect(failureStatus([{ message: 'x', extensions: { code } }, { message: 'y', extensions: { code: 'BAD_USER_INPUT' } }])).toBe(status);
  });

  it('an error without a code is the pool\'s fault: 500', () => {
    expect(failureStatus([{ message: 'x' }])).toBe(500);
  });
});
