import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { readFile } from 'node:fs/promises';
import { register } from 'prom-client';
import { createUnitTree, effectivePermissions, fixedUnits, serializePermissions } from '../../policies';
import { poolCatalog } from '../../scripts/pool-parts';
import { createBaseContext } from '../../subgraphs/kit/base-context';
import type { SubgraphDefinition } from '../../subgraphs/kit/subgraph-definition';
import { createFacilityServices, facility } from '../../subgraphs/facility';
import { createStudentServices, studentSubgraph } from '../../subgraphs/student';
import { createTeacherServices, teacherSubgraph } from '../../subgraphs/teacher';

/**
 * The deployment bench's baseline parts, one per process:
 * `plain-part.ts student|teacher|facility <port> <metrics port>` serves the
 * same subgraph code as the pool with no guard and no signed context (the
 * city bureau's permissions fixed in every context, so resolvers that read
 * row scope behave as for the pool's bench token); `plain-part.ts gateway
 * <port> <supergraph file>` is a plain @apollo/gateway over them. Apollo's
 * per-field instrumentation is off as in the pool's parts: the baseline is
 * the same code without enforcement, not a slower server.
 */
const disabled = () => [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginUsageReportingDisabled()];

async function servePlainSubgraph<S, C>(definition: SubgraphDefinition<S, C>, services: S, port: number, metricsPort: number): Promise<void> {
  const permissions = serializePermissions(effectivePermissions({
    unit: '440100', unitTree: createUnitTree([...fixedUnits]), catalog: poolCatalog(), grants: [], token: {}, now: new Date(),
  }));
  const request = { unit: '440100', requestId: 'bench', tokenId: 'bench', permissions };
  const server = new ApolloServer<C & object>({
    schema: buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as never }]),
    plugins: disabled(),
  });
  await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async () => definition.createContext(services, createBaseContext(request)) as C & object,
  });
  // The legacy call counters of this process, read by the bench before and after a request.
  createServer((_request, response) => {
    void register.metrics().then((text) => {
      response.writeHead(200, { 'content-type': register.contentType });
      response.end(text);
    });
  }).listen(metricsPort, '127.0.0.1');
}

// The plain targets publish no statistics to compare; any fixed secret keys their records.
const BENCH_CELL_KEY_SECRET = 'bench-plain-cell-key-secret';

async function main(): Promise<void> {
  const [part, portText, extra] = process.argv.slice(2);
  const port = Number(portText);
  const env = process.env;
  const maxPageSize = Number(env.MAX_PAGE_SIZE ?? 500);
  switch (part) {
    case 'student':
      return servePlainSubgraph(studentSubgraph, createStudentServices({ cellKeySecret: BENCH_CELL_KEY_SECRET, databaseUrl: env.LEGACY_STUDENT_DB_URL!, maxPageSize }), port, Number(extra));
    case 'teacher':
      return servePlainSubgraph(teacherSubgraph, createTeacherServices({
        cellKeySecret: BENCH_CELL_KEY_SECRET, baseUrl: env.LEGACY_TEACHER_API_URL!, apiKey: env.LEGACY_TEACHER_API_KEY!, timeoutMs: 5_000, maxPageSize,
      }), port, Number(extra));
    case 'facility':
      return servePlainSubgraph(facility, await createFacilityServices({ directory: env.LEGACY_FACILITY_DIR!, maxPageSize }), port, Number(extra));
    case 'gateway': {
      const server = new ApolloServer({
        gateway: new ApolloGateway({ supergraphSdl: await readFile(extra!, 'utf8') }),
        plugins: disabled(),
      });
      await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
      return;
    }
    default:
      throw new Error(`unknown plain part "${part}": student, teacher, facility or gateway`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
