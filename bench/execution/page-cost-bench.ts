import { buildSubgraphSchema } from '@apollo/subgraph';
import type { ApolloServer } from '@apollo/server';
import { createLogger } from '../../platform/logger';
import { createUnitTree, effectivePermissions, fixedUnits, schoolUnit, serializePermissions } from '../../policies';
import { poolCatalog } from '../../scripts/pool-parts';
import { baseContextOf, parseWirePermissions } from '../../subgraphs/kit/base-context';
import { buildGuardedSchema } from '../../subgraphs/kit/guarded-schema';
import { createSubgraphServer } from '../../subgraphs/kit/serve-subgraph';
import { studentSubgraph, type StudentContext, type StudentServices } from '../../subgraphs/student';
import { syntheticStudentSource } from '../../test/support/synthetic-student-source';
import { spread, type Spread } from '../measure';
import { inMemoryStudentDb } from './in-memory-student-db';

/**
 * The student subgraph's own cost of one 20-row page, the page the gateway
 * asks for "20 students with school and class": CPU time per operation of
 * the Apollo server the subgraph is served with, guarded (graphql-shield,
 * operation check, record step) and unguarded (the same resolvers and
 * plugins), executed in-process with rows from memory, so neither HTTP, the
 * signed context nor the database is in the figure (the permissions are parsed
 * once, as the context opener keeps them per assertion). Interleaved rounds.
 */
const PAGE = 20;
const QUERY = `{ students(first: ${PAGE}) { edges { node { id name school { code name } class { id name } } } } }`;
// Long enough for V8 to have optimised the hot paths, as in a server that has been serving for a while.
const OPS_PER_ROUND = 2_000;

export interface PageCostFigures {
  readonly rows: number;
  readonly guardedCpuMsPerOp: Spread;
  readonly unguardedCpuMsPerOp: Spread;
  /** Guarded ÷ unguarded CPU time per operation, per round. */
  readonly costRatio: Spread;
}

export async function runPageCostBench(options: { rounds: number }): Promise<PageCostFigures> {
  const source = syntheticStudentSource(1_000);
  const services: StudentServices = { db: inMemoryStudentDb(source), maxPageSize: 500, cellKeySecret: 'bench-cell-key-secret' };
  const logger = createLogger('silent', 'bench');
  const unitTree = createUnitTree([...fixedUnits, ...source.schools.map((s) => schoolUnit(s.XXDM, s.XXMC, s.XZQHM))]);
  // Parsed once, as a served subgraph does per permissions assertion (context-opener.ts), not once per fetch.
  const permissions = parseWirePermissions(serializePermissions(effectivePermissions({ unit: '440100', unitTree, catalog: poolCatalog(), grants: [], token: {}, now: new Date() })));
  const guarded = createSubgraphServer<StudentContext>(buildGuardedSchema(studentSubgraph, logger), logger);
  const unguarded = createSubgraphServer<StudentContext>(
    buildSubgraphSchema([{ typeDefs: studentSubgraph.typeDefs, resolvers: studentSubgraph.resolvers as never }]), logger);
  await guarded.start();
  await unguarded.start();
  try {
    const run = async (server: ApolloServer<StudentContext>) => {
      const contextValue = studentSubgraph.createContext(services, baseContextOf({ unit: '440100', requestId: 'bench', tokenId: 'bench' }, permissions));
      const response = await server.executeOperation({ query: QUERY }, { contextValue });
      if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(`page bench query failed: ${JSON.stringify(response.body)}`);
    };
    const cpuMsPerOp = async (server: ApolloServer<StudentContext>) => {
      const before = process.cpuUsage();
      for (let i = 0; i < OPS_PER_ROUND; i += 1) await run(server);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000 / OPS_PER_ROUND;
    };
    await cpuMsPerOp(guarded);
    await cpuMsPerOp(unguarded);
    const guardedMs: number[] = [];
    const unguardedMs: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      guardedMs.push(await cpuMsPerOp(guarded));
      unguardedMs.push(await cpuMsPerOp(unguarded));
      process.stderr.write(`page round ${round + 1}: guarded ${guardedMs.at(-1)!.toFixed(3)} CPU-ms/op, unguarded ${unguardedMs.at(-1)!.toFixed(3)} CPU-ms/op\n`);
    }
    return {
      rows: PAGE,
      guardedCpuMsPerOp: spread(guardedMs),
      unguardedCpuMsPerOp: spread(unguardedMs),
      costRatio: spread(guardedMs.map((g, i) => g / unguardedMs[i]!)),
    };
  } finally {
    await guarded.stop();
    await unguarded.stop();
  }
}
