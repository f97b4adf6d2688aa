import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { composeSupergraph } from '../../gateway/supergraph';
import { loadConfig } from '../../platform/config';
import { loadKeyPair } from '../../platform/keys';
import { issueToken } from '../../platform/tokens';
import { loadPoolKeys } from '../../scripts/pool-parts';
import { facility } from '../../subgraphs/facility';
import { studentSubgraph } from '../../subgraphs/student';
import { teacherSubgraph } from '../../subgraphs/teacher';
import { withClient } from '../../test/support/create-test-database';
import { ensureHiveInstalled } from './hive-install';
import { freePort, startProcess, waitForUrl, type PartProcess } from './processes';

/** One gateway under test and the processes whose CPU time is charged to it. */
export interface Target {
  readonly name: 'pool' | 'plain' | 'hive';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly processes: ReadonlyArray<PartProcess>;
  /** Processes every target shares (the legacy stand-ins), charged per round like PostgreSQL and Redis. */
  readonly sharedProcesses: ReadonlyArray<PartProcess>;
  /** Where each process of the target that calls a legacy system exposes its call counters. */
  readonly metricsUrls: ReadonlyArray<string>;
}

/** The pool's parts answer /metrics only to this bearer token (METRICS_TOKEN); the plain parts answer anyone. */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token';

export interface Deployment {
  readonly targets: ReadonlyArray<Target>;
  stop(): Promise<void>;
}

const SUBGRAPHS = ['student', 'teacher', 'facility'] as const;

/**
 * A realistic deployment for the bench, every part its own process under
 * NODE_ENV=production: the legacy stand-ins (teacher HR API with latency 0;
 * the student DB loaded into a dedicated database on LEGACY_STUDENT_DB_URL's
 * server), the full pool (student, teacher, facility, governance subgraphs and
 * gateway; its store a dedicated database on DATABASE_URL's server, its hot
 * state on REDIS_URL under a key prefix of its own), the same three data
 * subgraphs served plainly, a plain @apollo/gateway over those and Hive
 * Gateway over the same. Everything it creates is removed by `stop()`.
 */
export async function startDeployment(log: (line: string) => void, cpuProfileDir?: string): Promise<Deployment> {
  const missing = ['DATABASE_URL', 'LEGACY_STUDENT_DB_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`the deployment bench runs on PostgreSQL and Redis: set ${missing.join(', ')} (e.g. postgres://postgres@127.0.0.1:5432/test, redis://127.0.0.1:6379)`);
  }
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => log(`cleanup failed: ${(error as Error).message}`));
  };
  try {
    const hiveEntry = await ensureHiveInstalled(log);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'edupool-bench-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const store = await createBenchDatabase(process.env.DATABASE_URL!, 'store');
    cleanups.push(() => store.drop());
    const legacyDb = await createBenchDatabase(process.env.LEGACY_STUDENT_DB_URL!, 'legacy');
    cleanups.push(() => legacyDb.drop());
    const prefix = `edupool-bench-${process.pid}:`;
    cleanups.push(() => deleteRedisKeys(process.env.REDIS_URL!, prefix));
    log('generating the demo legacy data into the bench databases');
    await generateLegacyData(dataDir, legacyDb.url);

    const ports = await portsFor(['teacherApi', 'student', 'teacher', 'facility', 'governance', 'gateway',
      'plainStudent', 'plainTeacher', 'plainFacility', 'plainStudentMetrics', 'plainTeacherMetrics', 'plainFacilityMetrics', 'plainGateway', 'hive']);
    const env: Record<string, string> = {
      NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: dataDir, HOST: '127.0.0.1',
      DATABASE_URL: store.url, REDIS_URL: process.env.REDIS_URL!, REDIS_KEY_PREFIX: prefix, METRICS_TOKEN: BENCH_METRICS_TOKEN, LEGACY_STUDENT_DB_PREPARED: 'on',
      LEGACY_STUDENT_DB_URL: legacyDb.url, LEGACY_TEACHER_PORT: String(ports.teacherApi), LEGACY_TEACHER_LATENCY_MS: '0',
      LEGACY_TEACHER_API_URL: `http://127.0.0.1:${ports.teacherApi}`, LEGACY_TEACHER_API_KEY: 'edupool-demo-teacher-key',
      LEGACY_FACILITY_DIR: path.join(dataDir, 'legacy', 'facility'),
      STUDENT_SUBGRAPH_PORT: String(ports.student), TEACHER_SUBGRAPH_PORT: String(ports.teacher),
      FACILITY_SUBGRAPH_PORT: String(ports.facility), GOVERNANCE_SUBGRAPH_PORT: String(ports.governance), PORT: String(ports.gateway),
      // Allowances no benchmark reaches: the limiter's cost is measured, never its refusals.
      RATE_LIMIT_UNIT_PER_MINUTE: '1000000000', RATE_LIMIT_TOKEN_PER_MINUTE: '1000000000',
    };
    // The key files every part reads from DATA_DIR, made before any part starts.
    await loadPoolKeys(loadConfig(env), true);
    const token = await issueToken(await loadKeyPair('token', { dataDir }, true), { unit: '440100', ttlSeconds: 4 * 3600 });

    const started: PartProcess[] = [];
    cleanups.push(async () => {
      for (const part of started.splice(0).reverse()) await part.stop();
    });
    const part = async (name: string, script: string, args: string[], url: string, partEnv = env) => {
      const running = startProcess(name, script, args, partEnv, cpuProfileDir);
      started.push(running);
      await waitForUrl(url, name);
      return running;
    };
    // The legacy part starts the teacher HR stand-in only where no LEGACY_TEACHER_API_URL points elsewhere.
    const legacyEnv = Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'LEGACY_TEACHER_API_URL'));
    const legacy = await part('legacy', 'scripts/start-part.ts', ['legacy'], `${env.LEGACY_TEACHER_API_URL}/`, legacyEnv);

    const poolParts: PartProcess[] = [];
    for (const name of [...SUBGRAPHS, 'governance'] as const) {
      poolParts.push(await part(`pool-${name}`, 'scripts/start-part.ts', [name], `http://127.0.0.1:${ports[name]}/health`));
    }
    poolParts.push(await part('pool-gateway', 'scripts/start-part.ts', ['gateway'], `http://127.0.0.1:${ports.gateway}/health`));

    const plainPorts = { student: ports.plainStudent, teacher: ports.plainTeacher, facility: ports.plainFacility };
    const plainMetrics = { student: ports.plainStudentMetrics, teacher: ports.plainTeacherMetrics, facility: ports.plainFacilityMetrics };
    const plainSubgraphs: PartProcess[] = [];
    for (const name of SUBGRAPHS) {
      plainSubgraphs.push(await part(`plain-${name}`, 'bench/deployment/plain-part.ts', [name, String(plainPorts[name]), String(plainMetrics[name])],
        `http://127.0.0.1:${plainMetrics[name]}/`));
    }
    const supergraphFile = path.join(dataDir, 'plain-supergraph.graphql');
    await writeFile(supergraphFile, composeSupergraph([
      { name: 'student', typeDefs: studentSubgraph.typeDefs, url: `http://127.0.0.1:${plainPorts.student}/` },
      { name: 'teacher', typeDefs: teacherSubgraph.typeDefs, url: `http://127.0.0.1:${plainPorts.teacher}/` },
      { name: 'facility', typeDefs: facility.typeDefs, url: `http://127.0.0.1:${plainPorts.facility}/` },
    ]));
    const plainGateway = await part('plain-gateway', 'bench/deployment/plain-part.ts', ['gateway', String(ports.plainGateway), supergraphFile],
      `http://127.0.0.1:${ports.plainGateway}/`);
    const hive = await part('hive-gateway', hiveEntry, [String(ports.hive), supergraphFile], `http://127.0.0.1:${ports.hive}/healthcheck`);

    const plainMetricsUrls = SUBGRAPHS.map((name) => `http://127.0.0.1:${plainMetrics[name]}/`);
    return {
      targets: [
        { name: 'pool', url: `http://127.0.0.1:${ports.gateway}/graphql`, headers: { authorization: `Bearer ${token}` },
          processes: poolParts, sharedProcesses: [legacy], metricsUrls: SUBGRAPHS.map((name) => `http://127.0.0.1:${ports[name]}/metrics`) },
        { name: 'plain', url: `http://127.0.0.1:${ports.plainGateway}/`, headers: {}, processes: [...plainSubgraphs, plainGateway], sharedProcesses: [legacy], metricsUrls: plainMetricsUrls },
        { name: 'hive', url: `http://127.0.0.1:${ports.hive}/graphql`, headers: {}, processes: [...plainSubgraphs, hive], sharedProcesses: [legacy], metricsUrls: plainMetricsUrls },
      ],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A database of the bench's own on the server of `serverUrl`, named after this run (`edupool_bench_<pid>_<role>`), dropped by `drop()`. */
async function createBenchDatabase(serverUrl: string, role: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `edupool_bench_${process.pid}_${role}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function portsFor<K extends string>(names: ReadonlyArray<K>): Promise<Record<K, number>> {
  const ports = {} as Record<K, number>;
  for (const name of names) ports[name] = await freePort();
  return ports;
}

async function generateLegacyData(dataDir: string, studentDbUrl: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'legacy', 'cli', 'generate.ts'), '--size', 'demo', '--data-dir', dataDir], {
      env: { ...process.env, NODE_OPTIONS: '', LEGACY_STUDENT_DB_URL: studentDbUrl }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`legacy:generate exited with ${code}`))));
  });
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  // lazyConnect: the error listener below is attached before any connection is made.
  // eslint-disable-next-line no-restricted-syntax
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', (error: Error) => process.stderr.write(`deployment bench: Redis: ${error.message}\n`));
  await redis.connect();
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
