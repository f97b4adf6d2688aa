import path from 'node:path';
import { systemClock } from '../platform/clock';
import { loadConfig, type Config } from '../platform/config';
import { createMemoryHotState, openHotState } from '../platform/hot-state';
import { createLogger } from '../platform/logger';
import { loadPoolKeys, poolCatalog, startGatewayPart, type Part } from '../scripts/pool-parts';
import { startPool } from '../scripts/start-pool';
import { openGovernanceStore } from '../store';

/**
 * The hot-state benchmark's servers, in a process of their own (the load
 * generator must not share their event loop): a pool whose gateway keeps its
 * hot state in Redis (REDIS_URL), a second gateway over the same subgraphs
 * keeping it in process memory, and a third Redis-backed gateway with its own
 * store connections and Redis connections, on which revocations made through
 * the first must show. Prints one JSON line with the URLs; exits when stdin ends.
 */
async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env, LOG_LEVEL: 'silent', PORT: '0', STUDENT_SUBGRAPH_PORT: '0', TEACHER_SUBGRAPH_PORT: '0', FACILITY_SUBGRAPH_PORT: '0',
    GOVERNANCE_SUBGRAPH_PORT: '0', LEGACY_TEACHER_PORT: '0', LEGACY_STUDENT_DB_PORT: '0', LEGACY_TEACHER_LATENCY_MS: '0',
    // Rate limits have a bench of their own; here they would answer 429s instead of measuring the hot state.
    RATE_LIMIT_UNIT_PER_MINUTE: '0', RATE_LIMIT_TOKEN_PER_MINUTE: '0',
  });
  if (!config.REDIS_URL) throw new Error('the hot-state benchmark needs REDIS_URL (bench/run.ts starts a private redis-server when it is unset)');
  const logger = createLogger('silent', 'bench');
  const pool = await startPool(config, logger);
  const keys = await loadPoolKeys(config, true);
  const urls = {
    student: pool.subgraphs.student.url, teacher: pool.subgraphs.teacher.url,
    facility: pool.subgraphs.facility.url, governance: pool.subgraphs.governance.url,
  };
  const shared = { unitTree: pool.unitTree, catalog: poolCatalog(), clock: systemClock };
  const memoryGateway = await startGatewayPart(config, logger, keys, urls, { ...shared, store: pool.store, hotState: createMemoryHotState('bench:') });

  const databaseUrl = config.DATABASE_URL ?? pool.store.pool.options.connectionString!;
  const store = await openGovernanceStore({ databaseUrl, dataDir: config.DATA_DIR, clock: systemClock, logger, poolSize: 4 });
  const hotState = await openHotState({ redisUrl: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, logger });
  const otherConfig: Config = { ...config, DATABASE_URL: databaseUrl };
  const otherGateway: Part = await startGatewayPart(otherConfig, logger, keys, urls, { ...shared, store, hotState });

  process.stdout.write(`${JSON.stringify({ redisGateway: pool.gatewayUrl, memoryGateway: memoryGateway.url, otherGateway: otherGateway.url, dataDir: path.resolve(config.DATA_DIR) })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void (async () => {
      await otherGateway.close();
      await memoryGateway.close();
      await hotState.close();
      await store.close();
      const redis = pool.hotState.redis;
      const stale = await redis?.keys(`${config.REDIS_KEY_PREFIX}*`).catch(() => [] as string[]) ?? [];
      if (stale.length > 0) await redis?.del(...stale.map((key) => key.slice(config.REDIS_KEY_PREFIX.length))).catch(() => undefined);
      await pool.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
