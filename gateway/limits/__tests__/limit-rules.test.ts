import { parse, specifiedRules, validate } from 'graphql';
import { limitRules } from '../limit-rules';
import { expectRefused, expectWithinLimits, limits, schema } from './harness';

const aliases = (n: number, field = 'catalog') => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('limit rules: each refusal is QUERY_TOO_COSTLY naming the limit, the figure and the maximum', () => {
  it('lets an ordinary operation through', () => {
    expectWithinLimits('{ students(first: 5) { totalCount edges { node { id name school { name } } } } }');
  });

  it.each([
    ['depth 7', '{ students(first: 1) { edges { node { class { students { school { code } } } } } } }', 'depth', 7],
    ['4 aliases', aliases(4), 'aliases', 4],
    ['4 aliases of __typename (armor would let them pass)', aliases(4, '__typename'), 'aliases', 4],
    ['aliases counted through a fragment spread twice', '{ ...Q ...Q } fragment Q on Query { a: catalog b: catalog }', 'aliases', 4],
    ['4 directives', '{ catalog @skip(if: false) @include(if: true) __typename @skip(if: false) @include(if: true) }', 'directives', 4],
    ['cost over 1,000', '{ students(first: 500) { edges { node { id } } } }', 'cost', 1_002],
  ])('refuses %s', (_name, query, limit, figure) => {
    expectRefused(query, limit, figure);
  });

  it('leaves exactly the limit alone', () => {
    expectWithinLimits(aliases(3));
    expectWithinLimits('{ students(first: 1) { edges { node { class { students { id } } } } } }');
  });

  it('terminates on a fragment cycle, which graphql itself refuses', () => {
    const errors = validate(schema, parse('{ ...A } fragment A on Query { school(code: "1") { code } ...B } fragment B on Query { ...A }'),
      [...specifiedRules, ...limitRules(limits)]);
    expect(errors.map((e) => e.message)).toEqual(['Cannot spread fragment "A" within itself via "B".']);
  });
});
