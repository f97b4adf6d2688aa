import { maskError } from '../graphql-errors';

describe('maskError and the automatic-persisted-query protocol', () => {
  it('passes PERSISTED_QUERY_NOT_FOUND, which tells a client to send the text', () => {
    expect(maskError({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }, 'r1'))
      .toEqual({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  });

  it.each(['provided sha does not match query', 'Unsupported persisted query version'])('turns Apollo\'s codeless "%s" into BAD_USER_INPUT', (message) => {
    const masked = maskError({ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, 'r2');
    expect(masked.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'extensions.persistedQuery' });
    expect(masked.message).toContain(message);
  });

  it('still masks any other codeless error', () => {
    expect(maskError({ message: 'provided sha does not match query, and more', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, 'r3').extensions)
      .toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'r3' });
  });
});
