import { cutEchoes, ECHO_PREFIX_LENGTH } from '../graphql-errors';
import { isUnavailableAnswer } from '../unavailable-answer';

describe('cutEchoes', () => {
  it.each([
    ['Cannot query field "schoolz" on type "Query".', 'Cannot query field "schoolz" on type "Query".'],
    [`Cannot query field "${'x'.repeat(900_000)}" on type "Query".`, `Cannot query field "${'x'.repeat(ECHO_PREFIX_LENGTH)}…" on type "Query".`],
    [`Variable "$n" got invalid value "${'y\\"'.repeat(100)}".`, `Variable "$n" got invalid value "${'y\\"'.repeat(100).slice(0, ECHO_PREFIX_LENGTH)}…".`],
  ])('%#: keeps short names, cuts long runs to a prefix', (message, expected) => {
    expect(cutEchoes(message)).toBe(expected);
  });
});

describe('isUnavailableAnswer', () => {
  it.each([
    ['{"errors":[{"message":"m","extensions":{"code":"UPSTREAM_UNAVAILABLE","system":"governance"}}]}', true],
    ['{"errors":[{"message":"m","extensions":{"code":"UPSTREAM_UNAVAILABLE"}}],"data":null}', true],
    ['{"errors":[{"message":"m","extensions":{"code":"UPSTREAM_UNAVAILABLE"}}],"data":{"a":1}}', false],
    ['{"errors":[{"message":"m","extensions":{"code":"NOT_GRANTED"}}],"data":null}', false],
    ['{"data":{"a":1}}', false],
    ['{"errors":[', false],
  ])('%s → %s', (body, expected) => {
    expect(isUnavailableAnswer(body)).toBe(expected);
  });
});
