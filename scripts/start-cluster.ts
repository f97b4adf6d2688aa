import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { loadConfig, type Config } from '../platform/config';
import { configuredLogger, type Logger } from '../platform/logger';
import { DRAIN_MS } from '../platform/close-gracefully';
import { servePglite } from '../platform/pglite-server';
import { startLoadBalancer } from './load-balancer';
import { ensureConsoleBuilt } from './ensure-console';
import { loadPoolKeys, startLegacyStandIns } from './pool-parts';
import { runUntilSignalled } from './run-until-signalled';

/**
 * `npm run start:cluster`: several instances on one machine, as production
 * runs them (DESIGN.md "Stores": instances share Redis and PostgreSQL and
 * nothing else). The legacy stand-ins run once, here; CLUSTER_INSTANCES
 * (default 2) copies of each subgraph and of the gateway run as child
 * processes (`scripts/start-part.ts`), instance i on ports 4000 + 100·(i+1)
 * + 0…4 (gateway, student, teacher, facility, governance), each gateway on
 * the subgraphs of its instance; a round-robin load balancer answers on PORT.
 *
 * - DATABASE_URL set: every instance uses that PostgreSQL. Unset: this
 *   process serves the embedded governance PGlite (DATA_DIR/governance) over
 *   its socket and hands its URL to the instances as DATABASE_URL.
 * - REDIS_URL set: the shared hot state. Unset: each process keeps its own
 *   memory, so the gateways read the token denylist from PostgreSQL on every
 *   request and see grant changes at their GRANT_POLL_MS poll, and a subgraph
 *   instance refuses a replayed fetch only when it saw the original itself.
 */
const PARTS = ['student', 'teacher', 'facility', 'governance', 'gateway'] as const;
const OFFSETS: Record<(typeof PARTS)[number], number> = { gateway: 0, student: 1, teacher: 2, facility: 3, governance: 4 };

runUntilSignalled(async () => {
  const config = loadConfig();
  const logger = configuredLogger(config, 'cluster');
  const instances = config.CLUSTER_INSTANCES;
  const stages = { front: [] as Closer[], gateways: [] as Closer[], subgraphs: [] as Closer[], stores: [] as Closer[] };
  // Front to back: the balancer stops taking requests while the gateways drain theirs (both at once, so the
  // in-flight ones are answered), then the subgraphs the gateways used, then the stores they all used.
  const close = async () => {
    await Promise.all([...stages.front.splice(0), ...stages.gateways.splice(0)].map((closer) => closer().catch(() => undefined)));
    await Promise.all(stages.subgraphs.splice(0).map((closer) => closer().catch(() => undefined)));
    for (const closer of stages.stores.splice(0).reverse()) await closer().catch(() => undefined);
  };
  try {
    // Made once here: children started at the same moment would otherwise each write a fresh key pair.
    await loadPoolKeys(config, true);
    // Built once here too, for the same reason: every gateway instance serves the console.
    ensureConsoleBuilt((message) => logger.info(message));
    // Every pg.Pool of the instances reaches the embedded databases over one socket server each: size them for it.
    const connections = 8 * 2 * instances + 8;
    const legacy = await startLegacyStandIns(config, logger, connections);
    stages.stores.push(() => legacy.close());
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const served = await servePglite({ dataDir: path.join(config.DATA_DIR, 'governance'), host: config.HOST, maxConnections: connections });
      stages.stores.push(() => served.close());
      databaseUrl = served.url;
      logger.info({ url: served.url }, 'embedded governance store served to every instance');
    }
    if (!config.REDIS_URL && !config.REDIS_CLUSTER_NODES) logger.warn('no REDIS_URL: instances share only PostgreSQL (denylist read from it per request, grant changes polled; a captured subgraph fetch is refused only by the instance that served it)');
    const env = {
      ...process.env, DATABASE_URL: databaseUrl, LEGACY_STUDENT_DB_URL: legacy.studentDbUrl,
      LEGACY_TEACHER_API_URL: legacy.teacherApiUrl, LEGACY_FACILITY_DIR: legacy.facilityDir,
    };
    const gateways: string[] = [];
    for (const part of PARTS) {
      await Promise.all(Array.from({ length: instances }, async (_, i) => {
        // Gateways stand behind the balancer below: one proxy hop of ours to trust in X-Forwarded-For.
        const partEnv = part === 'gateway' ? { ...env, TRUSTED_PROXY_HOPS: '1' } : env;
        const stage = part === 'gateway' ? stages.gateways : stages.subgraphs;
        const url = await startChild(part, { ...partEnv, ...instanceEnv(config, i) }, portOf(config, i, part), config, logger, stage);
        if (part === 'gateway') gateways.push(url);
      }));
    }
    const balancer = await startLoadBalancer({ targets: gateways.sort(), host: config.HOST, port: config.PORT, logger });
    stages.front.push(() => balancer.close());
    logger.info({ url: `${balancer.url}/graphql`, gateways }, `EduPool cluster of ${instances} instances is up behind ${balancer.url}`);
    return close;
  } catch (error) {
    await close();
    throw error;
  }
});

type Closer = () => Promise<void>;

/** Children still running; a forced exit (second signal, hard deadline) takes them with it rather than leaving them orphaned. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** SIGTERM, and SIGKILL once the child's own hard deadline has passed: a stuck instance must not keep the cluster from stopping. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!running.has(child)) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), DRAIN_MS + 1_500);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function portOf(config: Config, instance: number, part: (typeof PARTS)[number]): number {
  return config.PORT + 100 * (instance + 1) + OFFSETS[part];
}

function instanceEnv(config: Config, i: number): Record<string, string> {
  const url = (part: (typeof PARTS)[number]) => `http://${config.HOST}:${portOf(config, i, part)}/graphql`;
  return {
    PORT: String(portOf(config, i, 'gateway')),
    STUDENT_SUBGRAPH_PORT: String(portOf(config, i, 'student')),
    TEACHER_SUBGRAPH_PORT: String(portOf(config, i, 'teacher')),
    FACILITY_SUBGRAPH_PORT: String(portOf(config, i, 'facility')),
    GOVERNANCE_SUBGRAPH_PORT: String(portOf(config, i, 'governance')),
    STUDENT_SUBGRAPH_URL: url('student'),
    TEACHER_SUBGRAPH_URL: url('teacher'),
    FACILITY_SUBGRAPH_URL: url('facility'),
    GOVERNANCE_SUBGRAPH_URL: url('governance'),
  };
}

/** Starts `start-part.ts <part>` and waits for its /health; its origin is returned. */
async function startChild(
  part: string, env: NodeJS.ProcessEnv, port: number, config: Config, logger: Logger, stage: Closer[],
): Promise<string> {
  // A process group of its own: a terminal's Ctrl-C reaches this process only, which stops the children in order.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'start-part.ts'), part], {
    env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true,
  });
  running.add(child);
  let exited = false;
  child.once('exit', (code, signal) => {
    exited = true;
    running.delete(child);
    logger[code === 0 ? 'info' : 'warn']({ part, port, code, signal }, 'instance process exited');
  });
  stage.push(() => stopChild(child));
  const origin = `http://${config.HOST}:${port}`;
  const deadline = Date.now() + 120_000;
  while (!(await fetch(`${origin}/health`).then((r) => r.ok, () => false))) {
    if (exited) throw new Error(`${part} on port ${port} exited before it was healthy (see its log above)`);
    if (Date.now() > deadline) throw new Error(`${part} on port ${port} was not healthy within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return origin;
}
