import { costOf } from './harness';

describe('operationCost: every field resolved counts 1, lists weighted by the items they may hold', () => {
  it.each([
    ['a scalar', '{ catalog }', 1],
    ['a connection with first: its page weighs the edges', '{ students(first: 5) { edges { node { id name } } } }', 1 + 1 + 5 * (1 + 2)],
    ['the same connection with first: 500', '{ students(first: 500) { edges { node { id name } } } }', 1 + 1 + 500 * 3],
    ['no first: the default page size', '{ students { edges { node { id } } } }', 1 + 1 + 20 * 2],
    ['totalCount and pageInfo do not take the page', '{ students(first: 5) { totalCount pageInfo { hasNextPage } } }', 1 + 1 + 1 + 1],
    ['first inside a filter input', '{ auditTrail(filter: { first: 7 }) { edges { node { at } } } }', 1 + 1 + 7 * 2],
    ['a filter without first: the default page', '{ auditTrail(filter: { unit: "x" }) { edges { node { at } } } }', 1 + 1 + 20 * 2],
    ['a plain list paged by first', '{ grants(first: 3) { id fields } }', 1 + 3 * 2],
    ['an unpaged list', '{ school(code: "1") { classes { id } } }', 1 + 1 + 50 * 1],
    ['nested lists multiply', '{ students(first: 10) { edges { node { guardians { name } } } } }', 1 + 1 + 10 * (1 + 1 + 50 * 1)],
    ['nested pages multiply', '{ school(code: "1") { students(first: 100) { edges { node { school { students(first: 100) { totalCount } } } } } } }',
      1 + 1 + 1 + 100 * (1 + 1 + 1 + 1)],
    ['a variable page size without a default counts as the maximum page', 'query ($n: Int) { grants(first: $n) { id } }', 1 + 500],
    ['a variable page size with a default counts as its default', 'query ($n: Int = 4) { grants(first: $n) { id } }', 1 + 4],
    ['__typename counts', '{ __typename a: __typename }', 2],
    ['fragments and inline fragments count where they are spread',
      '{ students(first: 2) { ...C } } fragment C on StudentConnection { edges { ... on StudentEdge { node { id } } } }', 1 + 1 + 2 * 2],
  ])('%s', (_name, query, cost) => {
    expect(costOf(query)).toBe(cost);
  });

  it('once the request\'s variables are known, a variable page counts as its value, whatever its default', () => {
    const query = 'query ($n: Int = 1) { grants(first: $n) { id } }';
    expect(costOf(query)).toBe(1 + 1);
    expect(costOf(query, { n: 400 })).toBe(1 + 400);
    expect(costOf(query, { n: 'many' })).toBe(1 + 1);
  });

  it('costs a fragment spread many times over once (no exponential work)', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Student { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const query = `{ students(first: 1) { edges { node { ...F0 } } } } ${fragments} fragment F40 on Student { id }`;
    // Walking every spread would be 2^40 visits, which no run finishes within jest's timeout.
    expect(costOf(query)).toBe(1 + 1 + 1 * (1 + 2 ** 40));
  });

  it('stops at a fragment cycle (graphql refuses the cycle itself)', () => {
    expect(costOf('{ students { ...A } } fragment A on StudentConnection { totalCount ...B } fragment B on StudentConnection { ...A }')).toBe(2);
  });
});
