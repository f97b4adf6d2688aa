import { buildSchema, parse, specifiedRules, validate, type OperationDefinitionNode } from 'graphql';
import { limitRules, type OperationLimits } from '../limit-rules';
import { operationCost, type CostOptions } from '../operation-cost';

/** A schema shaped like the pool's: connections paged by `first`, a filter carrying `first`, unpaged lists, a paged plain list. */
export const schema = buildSchema(`
  type Query {
    students(first: Int, after: String): StudentConnection!
    school(code: ID!): School
    auditTrail(filter: AuditFilter): EntryConnection!
    grants(first: Int): [Grant!]!
    catalog: [String!]!
  }
  input AuditFilter { unit: String first: Int }
  type StudentConnection { totalCount: Int! edges: [StudentEdge!]! pageInfo: PageInfo! }
  type StudentEdge { cursor: String! node: Student! }
  type PageInfo { hasNextPage: Boolean! }
  type Student { id: ID! name: String! school: School class: Class guardians: [Guardian!]! }
  type Guardian { name: String! }
  type School { code: ID! name: String! classes: [Class!]! students(first: Int): StudentConnection! }
  type Class { id: ID! students: [Student!]! }
  type EntryConnection { edges: [EntryEdge!]! }
  type EntryEdge { node: Entry! }
  type Entry { at: String! }
  type Grant { id: ID! fields: [String!]! }
`);

export const costOptions: CostOptions = { defaultPageSize: 20, maxPageSize: 500, unpagedListSize: 50 };

export const limits: OperationLimits = { depth: 6, aliases: 3, directives: 3, tokens: 200, cost: 1_000, costOptions };

/** The cost of the document's (first) operation, with the request's variables when given. */
export function costOf(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [])));
  return operationCost(schema, operation, (name) => fragments.get(name), costOptions, variables);
}

function errorsOf(query: string) {
  return validate(schema, parse(query), [...specifiedRules, ...limitRules(limits)]);
}

export function expectWithinLimits(query: string): void {
  expect(errorsOf(query).map((e) => e.message)).toEqual([]);
}

/** Expects exactly one refusal, QUERY_TOO_COSTLY for `limit` with `figure`, its message naming the limit's maximum. */
export function expectRefused(query: string, limit: string, figure: number): void {
  const errors = errorsOf(query).filter((e) => e.extensions.code === 'QUERY_TOO_COSTLY');
  expect(errors.map((e) => e.extensions)).toEqual([expect.objectContaining({ limit, figure })]);
  const maximum = errors[0]!.extensions.maximum as number;
  expect(errors[0]!.message).toContain(`the limit is ${maximum}`);
}
