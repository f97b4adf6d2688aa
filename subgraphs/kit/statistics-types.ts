import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';

const shared = readFileSync(path.join(__dirname, 'statistics-types.graphql'), 'utf8');

/**
 * The statistics types every statistics subgraph declares, plus, for a
 * subgraph that derives tables through `@requires` (teacher, facility), a
 * table type of its own with StatisticTable's fields. Hive Gateway's query
 * planner (@graphql-tools/stitch) marks a type returned only by `@requires`
 * fields as that subgraph's canonical definition, and refuses a supergraph
 * where two subgraphs do so ("Multiple canonical definitions for
 * StatisticTable"; bench/hive/reproduce-canonical.mjs). Apollo accepts both.
 */
export function statisticsTypeDefs(derivedTableType?: string): string {
  if (!derivedTableType) return shared;
  const table = parse(shared).definitions.find((d): d is ObjectTypeDefinitionNode =>
    d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'StatisticTable')!;
  const derived: DocumentNode = { kind: Kind.DOCUMENT, definitions: [{ ...table, name: { kind: Kind.NAME, value: derivedTableType } }] };
  return `${shared}\n${print(derived)}\n`;
}
