import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createLogger } from '../../platform/logger';
import { serializePermissions, effectivePermissions, type Permissions } from '../../policies';
import type { Grant } from '../../policies/permissions/types';
import { createBaseContext } from '../../subgraphs/kit/base-context';
import { buildGuardedSchema } from '../../subgraphs/kit/guarded-schema';
import { studentSubgraph, type StudentServices } from '../../subgraphs/student';
import { syntheticStudentSource } from '../../test/support/synthetic-student-source';
import { poolCatalog } from '../../scripts/pool-parts';
import { createUnitTree, fixedUnits, schoolUnit } from '../../policies';
import { spread, type Spread } from '../measure';
import { inMemoryStudentDb } from './in-memory-student-db';

/**
 * Issue "share types enforced", bench 2: what graphql-shield and the masks
 * add to executing 1,000 student rows in the student subgraph, against the
 * same resolvers executed without the guard. The rows come from memory so the
 * ratio is the execution's alone. The guarded side runs as a partner
 * department holding grants on every shareable student resource with every
 * mask the catalog allows, so each field is checked and each maskable value
 * masked.
 */
const ROWS = 1_000;
const BENCH_PURPOSE = '执行开销基准';
const QUERY: DocumentNode = parse(`{ students(first: ${ROWS}) { edges { node {
  id studentNumber name gender { code label } birthDate idNumber phone address grade status
  school { code name } class { id name }
} } } }`);

export interface ExecutionCostFigures {
  readonly rows: number;
  readonly guardedOpsPerSecond: Spread;
  readonly plainOpsPerSecond: Spread;
  readonly guardedCpuMsPerOp: Spread;
  readonly plainCpuMsPerOp: Spread;
  /** Guarded ÷ plain CPU time per operation, per round (CPU time, so that other load on the machine stays out of the ratio). */
  readonly costRatio: Spread;
}

export async function runExecutionCostBench(options: { seconds: number; rounds: number }): Promise<ExecutionCostFigures> {
  const source = syntheticStudentSource(ROWS);
  const services: StudentServices = { db: inMemoryStudentDb(source), maxPageSize: ROWS, cellKeySecret: 'bench-cell-key-secret' };
  const logger = createLogger('silent', 'bench');
  const guarded = buildGuardedSchema(studentSubgraph, logger);
  const plain = buildSubgraphSchema([{ typeDefs: studentSubgraph.typeDefs, resolvers: studentSubgraph.resolvers as never }]);
  const masked = partnerPermissions();
  const everything = effectivePermissions({ unit: '440100', unitTree: unitTree(), catalog: poolCatalog(), grants: [], token: {}, now: new Date() });

  const run = async (schema: GraphQLSchema, permissions: Permissions) => {
    // The partner's grants are bound to their purpose: its reads declare it, as the gateway would pass it on.
    const base = createBaseContext({
      unit: permissions.unit, requestId: 'bench', tokenId: 'bench', purpose: BENCH_PURPOSE, permissions: serializePermissions(permissions),
    });
    const result = await execute({ schema, document: QUERY, contextValue: studentSubgraph.createContext(services, base) });
    if (result.errors) throw new Error(`execution bench query failed: ${result.errors[0]!.message}`);
    return result;
  };
  const sample = await run(guarded, masked);
  const first = (sample.data as { students: { edges: Array<{ node: { name: string; idNumber: string } }> } }).students.edges[1]!.node;
  process.stderr.write(`execution bench: guarded sample name ${first.name}, ID ${first.idNumber}\n`);
  const measure = async (schema: GraphQLSchema, permissions: Permissions) => {
    const until = performance.now() + options.seconds * 1000;
    const cpuBefore = process.cpuUsage();
    let ops = 0;
    while (performance.now() < until) {
      await run(schema, permissions);
      ops += 1;
    }
    const cpu = process.cpuUsage(cpuBefore);
    return { opsPerSecond: ops / options.seconds, cpuMsPerOp: (cpu.user + cpu.system) / 1000 / ops };
  };
  await measure(guarded, masked);
  await measure(plain, everything);
  const guardedRounds: Array<{ opsPerSecond: number; cpuMsPerOp: number }> = [];
  const plainRounds: Array<{ opsPerSecond: number; cpuMsPerOp: number }> = [];
  for (let round = 0; round < options.rounds; round += 1) {
    guardedRounds.push(await measure(guarded, masked));
    plainRounds.push(await measure(plain, everything));
    process.stderr.write(`execution round ${round + 1}: guarded ${guardedRounds.at(-1)!.cpuMsPerOp.toFixed(1)} CPU-ms/op, plain ${plainRounds.at(-1)!.cpuMsPerOp.toFixed(1)} CPU-ms/op\n`);
  }
  return {
    rows: ROWS,
    guardedOpsPerSecond: spread(guardedRounds.map((r) => r.opsPerSecond)),
    plainOpsPerSecond: spread(plainRounds.map((r) => r.opsPerSecond)),
    guardedCpuMsPerOp: spread(guardedRounds.map((r) => r.cpuMsPerOp)),
    plainCpuMsPerOp: spread(plainRounds.map((r) => r.cpuMsPerOp)),
    costRatio: spread(guardedRounds.map((g, i) => g.cpuMsPerOp / plainRounds[i]!.cpuMsPerOp)),
  };
}

function unitTree() {
  const schools = syntheticStudentSource(ROWS).schools.map((s) => schoolUnit(s.XXDM, s.XXMC, s.XZQHM));
  return createUnitTree([...fixedUnits, ...schools]);
}

function partnerPermissions(): Permissions {
  const catalog = poolCatalog();
  const now = new Date();
  const grants: Grant[] = catalog.resources
    .filter((r) => r.shareType !== 'NOT_SHARED' && r.sourceSystem === 'student-status')
    .map((r, i) => ({
      id: `bench-grant-${i}`, grantee: 'GZGAJ', resource: r.code, coordinates: [...r.coordinates], rowScope: [],
      masks: r.conditions.masks, purpose: BENCH_PURPOSE, validFrom: new Date(now.getTime() - 60_000),
      validUntil: new Date(now.getTime() + 3_600_000), applicationId: `bench-application-${i}`,
    }));
  return effectivePermissions({ unit: 'GZGAJ', unitTree: unitTree(), catalog, grants, token: { purpose: BENCH_PURPOSE }, now });
}
