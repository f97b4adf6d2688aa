import { legacyDataPaths } from '../legacy/data-dir';
import { loadConfig, type Config } from '../platform/config';
import { configuredLogger, type Logger } from '../platform/logger';
import {
  configuredSubgraphUrls, loadPoolKeys, openPoolHotState, openStore, poolCatalog, readUnitTree, startFacilityPart, startGatewayPart, startGovernancePart,
  startLegacyStandIns, startStudentPart, startTeacherPart,
} from './pool-parts';
import { systemClock } from '../platform/clock';
import { ensureConsoleBuilt } from './ensure-console';
import { runUntilSignalled } from './run-until-signalled';

/**
 * `npm run start:<part>`: one part of the pool alone, for a deployment in
 * separate processes. Each reads the same configuration; what it needs from
 * the others comes from their URLs.
 */
const starters: Record<string, (config: Config, logger: Logger) => Promise<() => Promise<void>>> = {
  async legacy(config, logger) {
    const legacy = await startLegacyStandIns(config, logger);
    logger.info({ LEGACY_STUDENT_DB_URL: legacy.studentDbUrl, LEGACY_TEACHER_API_URL: legacy.teacherApiUrl, LEGACY_FACILITY_DIR: legacy.facilityDir },
      'legacy stand-ins up: give these to the subgraphs');
    return legacy.close;
  },
  async student(config, logger) {
    const url = config.LEGACY_STUDENT_DB_URL ?? `postgres://postgres@${config.HOST}:${config.LEGACY_STUDENT_DB_PORT}/postgres?sslmode=disable`;
    return (await startStudentPart(config, logger, await loadPoolKeys(config, false), url)).close;
  },
  async teacher(config, logger) {
    const teacherApiUrl = config.LEGACY_TEACHER_API_URL ?? `http://${config.HOST}:${config.LEGACY_TEACHER_PORT}`;
    return (await startTeacherPart(config, logger, await loadPoolKeys(config, false), { teacherApiUrl, teacherApiKey: config.LEGACY_TEACHER_API_KEY })).close;
  },
  async facility(config, logger) {
    const directory = config.LEGACY_FACILITY_DIR ?? legacyDataPaths(config.DATA_DIR).facilityDir;
    return (await startFacilityPart(config, logger, await loadPoolKeys(config, false), directory)).close;
  },
  async governance(config, logger) {
    const shared = await sharedState(config, logger, false);
    const part = await startGovernancePart(config, logger, shared.keys, shared);
    return async () => {
      await part.close();
      await shared.close();
    };
  },
  async gateway(config, logger) {
    ensureConsoleBuilt((message) => logger.info(message));
    const shared = await sharedState(config, logger, true);
    // Without Redis this process's memory hot state is its own: no governance instance writes revocations into it.
    if (shared.hotState.kind === 'memory') logger.warn('no REDIS_URL: the token denylist is read from PostgreSQL on every request, grant changes seen at each GRANT_POLL_MS');
    const part = await startGatewayPart(
      config, logger, shared.keys, configuredSubgraphUrls(config), shared, shared.hotState.kind === 'memory' ? 'store' : 'hot',
    );
    return async () => {
      await part.close();
      await shared.close();
    };
  },
};

/** What the gateway and governance parts share: the store (DATABASE_URL in a split deployment), the hot state (REDIS_URL), the catalog, the unit tree. */
async function sharedState(config: Config, logger: Logger, gateway: boolean) {
  const keys = await loadPoolKeys(config, true);
  const catalog = poolCatalog();
  const store = await openStore(config, logger, systemClock);
  const hotState = await openPoolHotState(config, logger);
  const close = async () => {
    await hotState.close();
    await store.close();
  };
  try {
    const unitTree = await readUnitTree(config, keys, configuredSubgraphUrls(config).student, catalog, systemClock, hotState);
    return { keys: gateway ? keys : await loadPoolKeys(config, false), catalog, store, hotState, unitTree, clock: systemClock, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const partName = process.argv[2] ?? '';
const starter = starters[partName];
if (!starter) {
  process.stderr.write(`Unknown part "${partName}": use one of ${Object.keys(starters).join(', ')}.\n`);
  process.exit(2);
}
runUntilSignalled(async () => {
  const config = loadConfig();
  return starter(config, configuredLogger(config, partName));
});
