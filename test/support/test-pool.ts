import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../platform/clock';
import { loadConfig, type Config } from '../../platform/config';
import { loadKeyPair, type KeyPair } from '../../platform/keys';
import { createLogger } from '../../platform/logger';
import { issueToken, type TokenRequest } from '../../platform/tokens';
import { startPool, type RunningPool } from '../../scripts/start-pool';
import { createMigratedTestDatabase } from './governance-template';
import { connectTestClient, deleteRedisKeys } from './test-clients';

/**
 * A whole pool for one scenario file: its own copy of the demo data, every
 * part on a free port, the teacher API stand-in without latency. Tests talk to
 * it over HTTP only; `pool` gives access to the parts a scenario must stop or
 * inspect (the teacher stand-in, the student DB's query log).
 */
export interface TestPool {
  readonly url: string;
  readonly pool: RunningPool;
  readonly config: Config;
  readonly studentQueries: Array<{ sql: string; params: unknown[] }>;
  token(unit: string, extra?: Partial<TokenRequest>): Promise<string>;
  graphql(query: string, options?: GraphQLCall): Promise<GraphQLReply>;
  /** The student-status DB as the legacy system holds it, for comparing served values with rows. */
  legacySql<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface GraphQLCall {
  readonly unit?: string;
  readonly token?: string | null;
  readonly variables?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

export interface GraphQLReply {
  readonly status: number;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  };
}

export async function startTestPool(env: Record<string, string> = {}, clock?: Clock): Promise<TestPool> {
  // Silent unless asked (TEST_POOL_LOG_LEVEL=warn): the pool's own account of a failure a test only sees from outside.
  const logLevel = process.env.TEST_POOL_LOG_LEVEL ?? 'silent';
  const template = process.env.EDUPOOL_TEST_TEMPLATE;
  const root = process.env.EDUPOOL_TEST_ROOT;
  if (!template || !root) throw new Error('run scenario tests through jest (the system project\'s global setup makes the demo data)');
  const dataDir = await mkdtemp(path.join(root, `pool-${randomBytes(3).toString('hex')}-`));
  await cp(template, dataDir, { recursive: true });
  // The governance store gets a migrated database of its own on DATABASE_URL's server, or PGlite in the copy's data folder.
  const governanceDb = await createMigratedTestDatabase(dataDir);
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: logLevel,
    PORT: '0',
    STUDENT_SUBGRAPH_PORT: '0',
    TEACHER_SUBGRAPH_PORT: '0',
    FACILITY_SUBGRAPH_PORT: '0',
    GOVERNANCE_SUBGRAPH_PORT: '0',
    LEGACY_TEACHER_PORT: '0',
    LEGACY_STUDENT_DB_PORT: '0',
    LEGACY_TEACHER_LATENCY_MS: '0',
    LEGACY_TIMEOUT_MS: '3000',
    ...(process.env.EDUPOOL_TEST_STUDENT_DB_URL ? { LEGACY_STUDENT_DB_URL: process.env.EDUPOOL_TEST_STUDENT_DB_URL } : {}),
    ...(governanceDb.kind === 'postgres' ? { DATABASE_URL: governanceDb.url } : {}),
    // A Redis shared with other runs: this pool's keys and channels live under a prefix of its own.
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `edupool-test-${path.basename(dataDir)}:` } : {}),
    ...env,
  });
  const studentQueries: TestPool['studentQueries'] = [];
  const removeData = async () => {
    await deleteHotStateKeys(config);
    await governanceDb.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  const pool = await startPool(config, createLogger(logLevel, 'test'), {
    onStudentQuery: (sql, params) => studentQueries.push({ sql, params }),
    ...(clock ? { clock } : {}),
  }).catch(async (error: unknown) => {
    await removeData();
    throw error;
  });
  const tokenKeys: KeyPair = await loadKeyPair('token', { dataDir }, true);
  const sqlClient = await connectTestClient(pool.legacy.studentDbUrl).catch(async (error: unknown) => {
    await pool.close();
    await removeData();
    throw error;
  });

  const token = (unit: string, extra: Partial<TokenRequest> = {}) => issueToken(tokenKeys, { unit, ttlSeconds: 600, ...extra }, clock?.now());
  return {
    url: pool.gatewayUrl,
    pool,
    config,
    studentQueries,
    token,
    async graphql(query, options = {}) {
      const bearer = options.token === undefined ? await token(options.unit ?? '440100') : options.token;
      const response = await fetch(pool.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables: options.variables ?? {} }),
      });
      return { status: response.status, body: await response.json() as GraphQLReply['body'] };
    },
    async legacySql<T>(sql: string, params: unknown[] = []) {
      return (await sqlClient.query(sql, params)).rows as T[];
    },
    async close() {
      await sqlClient.end().catch(() => undefined);
      await pool.close();
      await removeData();
    },
  };
}

/**
 * Deletes the pool's keys from the shared Redis once nothing of the pool can
 * write any more: after it closed, or after its start failed. Deleting them
 * before the close left keys behind whenever something of the pool wrote
 * after the sweep (two keys, the denylist's ready mark and the school
 * directory, outlived a CI run). A Redis Cluster in tests is always a private
 * one, gone with its test; a private Redis already stopped has nothing to clean.
 */
async function deleteHotStateKeys(config: Config): Promise<void> {
  if (!config.REDIS_URL) return;
  // A private Redis stopped with its test has nothing of this pool left to delete.
  await deleteRedisKeys(config.REDIS_URL, config.REDIS_KEY_PREFIX).catch(() => undefined);
}
