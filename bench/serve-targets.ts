import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from '../gateway/supergraph';
import { loadConfig } from '../platform/config';
import { legacyCallTotals } from '../platform/legacy-calls';
import { loadKeyPair } from '../platform/keys';
import { loadCellKeySecret } from '../platform/cell-key-secret';
import { createLogger } from '../platform/logger';
import { issueToken } from '../platform/tokens';
import { startPool } from '../scripts/start-pool';
import { loadPoolKeys, poolCatalog, startGatewayPart } from '../scripts/pool-parts';
import { systemClock } from '../platform/clock';
import { effectivePermissions, serializePermissions } from '../policies';
import { createBaseContext } from '../subgraphs/kit/base-context';
import { createFacilityServices, facility } from '../subgraphs/facility';
import type { SubgraphDefinition } from '../subgraphs/kit/subgraph-definition';
import { createStudentServices, studentSubgraph } from '../subgraphs/student';
import { createTeacherServices, teacherSubgraph } from '../subgraphs/teacher';

/**
 * The benchmark's servers, in a process of their own so that the load
 * generator does not share their event loop: the full pool, and beside it the
 * baselines over the same legacy stand-ins — the same subgraph code served
 * plainly (no signed context), a plain @apollo/gateway over those, the
 * student subgraph alone, and a second pool gateway without rate limits. Prints one JSON line with the URLs and a token, then
 * answers `totals` on stdin with the legacy call counters.
 */
async function main(): Promise<void> {
  // Allowances no benchmark reaches, unless the environment sets them: the limiter's cost is measured, never its refusals.
  const config = loadConfig({ RATE_LIMIT_UNIT_PER_MINUTE: '1000000000', RATE_LIMIT_TOKEN_PER_MINUTE: '1000000000',
    ...process.env, LOG_LEVEL: 'silent', PORT: '0', STUDENT_SUBGRAPH_PORT: '0', TEACHER_SUBGRAPH_PORT: '0',
    FACILITY_SUBGRAPH_PORT: '0', LEGACY_TEACHER_PORT: '0', LEGACY_STUDENT_DB_PORT: '0' });
  const logger = createLogger('silent', 'bench');
  const pool = await startPool(config, logger);
  const catalog = poolCatalog();
  const permissions = serializePermissions(effectivePermissions({
    unit: '440100', unitTree: pool.unitTree, catalog, grants: [], token: {}, now: new Date(),
  }));
  const request = { unit: '440100', requestId: 'bench', tokenId: 'bench', permissions };

  async function plainSubgraph<S, C>(definition: SubgraphDefinition<S, C>, services: S): Promise<string> {
    const server = new ApolloServer<C & object>({
      schema: buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as never }]),
      // The baseline runs the same subgraph code without the guard, the signature and the gateway's enforcement.
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    const { url } = await startStandaloneServer(server, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async () => definition.createContext(services, createBaseContext(request)) as C & object,
    });
    return url;
  }

  const cellKeySecret = await loadCellKeySecret({ dataDir: config.DATA_DIR, secret: config.STATISTICS_CELL_KEY_SECRET });
  const plainUrls = {
    student: await plainSubgraph(studentSubgraph, createStudentServices({ cellKeySecret, databaseUrl: pool.legacy.studentDbUrl, maxPageSize: config.MAX_PAGE_SIZE })),
    teacher: await plainSubgraph(teacherSubgraph, createTeacherServices({
      cellKeySecret, baseUrl: pool.legacy.teacherApiUrl, apiKey: pool.legacy.teacherApiKey, timeoutMs: config.LEGACY_TIMEOUT_MS, maxPageSize: config.MAX_PAGE_SIZE,
    })),
    facility: await plainSubgraph(facility, await createFacilityServices({ directory: pool.legacy.facilityDir, maxPageSize: config.MAX_PAGE_SIZE })),
  };
  const gateway = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl: composeSupergraph([
        { name: 'student', typeDefs: studentSubgraph.typeDefs, url: plainUrls.student },
        { name: 'teacher', typeDefs: teacherSubgraph.typeDefs, url: plainUrls.teacher },
        { name: 'facility', typeDefs: facility.typeDefs, url: plainUrls.facility },
      ]),
    }),
  });
  const { url: plainGatewayUrl } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } });
  // A second gateway over the same subgraphs and store, without rate limits: the baseline of the limiter's cost.
  const unlimited = await startGatewayPart({ ...config, PORT: 0, RATE_LIMIT_UNIT_PER_MINUTE: 0, RATE_LIMIT_TOKEN_PER_MINUTE: 0 }, logger,
    await loadPoolKeys(config, true),
    { student: pool.subgraphs.student.url, teacher: pool.subgraphs.teacher.url, facility: pool.subgraphs.facility.url, governance: pool.subgraphs.governance.url },
    { store: pool.store, hotState: pool.hotState, unitTree: pool.unitTree, catalog, clock: systemClock });
  const tokenKeys = await loadKeyPair('token', { dataDir: config.DATA_DIR }, true);
  const token = await issueToken(tokenKeys, { unit: '440100', ttlSeconds: 4 * 3600 });
  process.stdout.write(`${JSON.stringify({
    pool: pool.gatewayUrl, poolWithoutRateLimits: unlimited.url, hotState: pool.hotState.kind, plainGateway: plainGatewayUrl, studentSubgraph: plainUrls.student, token,
  })}\n`);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (line: string) => {
    if (line.trim() === 'totals') void legacyCallTotals().then((totals) => process.stdout.write(`${JSON.stringify(totals)}\n`));
  });
  process.stdin.on('end', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
