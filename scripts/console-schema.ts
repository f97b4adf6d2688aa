import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { composeSupergraph } from '../gateway/supergraph';
import { facility } from '../subgraphs/facility';
import { governanceSubgraph } from '../subgraphs/governance';
import { studentSubgraph } from '../subgraphs/student';
import { teacherSubgraph } from '../subgraphs/teacher';

/**
 * Writes the pool's public schema (the supergraph's API schema: what clients
 * see, without federation's join directives) to console/schema.graphql, from
 * which the console's typed operations are generated. Composed in-process
 * from the subgraphs' own SDL, exactly as the gateway composes it.
 */
const subgraphs = [studentSubgraph, teacherSubgraph, facility, governanceSubgraph]
  .map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: `http://${s.name}.invalid/graphql` }));
const apiSchema = Supergraph.build(composeSupergraph(subgraphs)).apiSchema().toGraphQLJSSchema();
const target = path.join(__dirname, '..', 'console', 'schema.graphql');
writeFileSync(target, `${printSchema(apiSchema)}\n`);
console.log(`console schema written: ${path.relative(process.cwd(), target)}`);
