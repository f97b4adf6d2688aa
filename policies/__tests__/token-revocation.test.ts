import { mayRevokeTokensOf } from '../token-revocation';
import { tianheSchool as tianhe, units, zengchengSchool as zengcheng } from './harness';

const tianheSchool = tianhe.code;
const zengchengSchool = zengcheng.code;

/** Who may revoke whose tokens: the unit, an education department over it, the city bureau; nobody else. */
const may = (actor: string, unit: string) => mayRevokeTokensOf(actor, unit, units);

describe('token revocation is allowed to', () => {
  test.each([
    ['the unit itself', tianheSchool, tianheSchool],
    ['its district bureau', '440106', tianheSchool],
    ['the city bureau, over a school', '440100', zengchengSchool],
    ['the city bureau, over a partner department', '440100', 'GZGAJ'],
    ['a partner department, over itself', 'GZGAJ', 'GZGAJ'],
  ])('%s', (_, actor, unit) => {
    expect(may(actor, unit)).toEqual({ ok: true, value: undefined });
  });
});

describe('token revocation is refused to', () => {
  test.each([
    ['another district bureau', '440118', tianheSchool],
    ['a school, over its district bureau', tianheSchool, '440106'],
    ['a school, over another school', tianheSchool, zengchengSchool],
    ['a partner department, over a school it is granted data of', 'GZGAJ', tianheSchool],
    ['the research institute, over a district', 'GZJYYJY', '440106'],
  ])('%s (FORBIDDEN)', (_, actor, unit) => {
    const outcome = may(actor, unit);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.extensions.code).toBe('FORBIDDEN');
  });

  test('anyone, for a unit that does not exist (BAD_USER_INPUT naming the argument)', () => {
    const outcome = may('440100', 'NOPE');
    expect(!outcome.ok && outcome.error.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'unit' }));
  });
});
