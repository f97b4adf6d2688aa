import { ensureLegacyData } from '../legacy/cli/ensure-legacy-data';
import { legacyDataPaths } from '../legacy/data-dir';
import { openStudentDb } from '../legacy/student-db';
import { startTeacherApi } from '../legacy/teacher-api';
import type { Config } from '../platform/config';
import { onGrantChanges, openHotState, type HotState } from '../platform/hot-state';
import { loadContextKeys, type ContextKeys } from '../platform/context-keys';
import { ContextSealer } from '../platform/context-sealer';
import { loadKeyPair, type KeyPair } from '../platform/keys';
import type { Logger } from '../platform/logger';
import { directoryProbe, hotStateProbe, httpProbe, partProbe, postgresProbe, postgresUrlProbe, type Probe } from '../platform/readiness';
import { chineseWorkingCalendar, shippedCatalog, type Catalog, type UnitTree } from '../policies';
import type { Clock } from '../platform/clock';
import { createAuditLog } from '../store/audit/audit-log';
import { measuredAppend, watchHotState } from '../platform/observability/state-metrics';
import { startTracing } from '../platform/observability/tracing';
import { startAuditWatch } from '../store/audit/seal/audit-watch';
import { loadSealSettings } from '../store/audit/seal/seal-settings';
import { objectionsRepository } from '../store/objections/objections-repository';
import { openGovernanceStore, tokenRevocationsRepository, type GovernanceStore } from '../store';
import { createGovernanceServices, governanceSubgraph } from '../subgraphs/governance';
import { createPermissionsProvider } from '../gateway/enforcement/permissions-provider';
import { createAuthenticator } from '../gateway/authenticate';
import { consoleRoutes } from '../gateway/console-route';
import { signInRoutes } from '../gateway/people/sign-in-routes';
import { tokenEndpointRoute } from '../gateway/people/token-endpoint';
import { hashPassword } from '../platform/passwords';
import { accountsRepository, appCredentialsRepository, demoAccountsOf, seedDemoAccounts } from '../store/people';
import { createTokenDenylist } from '../gateway/revocation/token-denylist';
import { startGateway } from '../gateway/create-gateway';
import { configuredLimits } from '../gateway/limits';
import { hotStateFeatures } from '../gateway/limits-and-persisted';
import { loadUnitTree } from '../gateway/school-directory';
import { createFacilityServices, facility as facilitySubgraph } from '../subgraphs/facility';
import { serveSubgraph } from '../subgraphs/kit/serve-subgraph';
import type { BaseSubgraphContext, SubgraphDefinition } from '../subgraphs/kit/subgraph-definition';
import { createStudentServices, studentSubgraph } from '../subgraphs/student';
import { createTeacherServices, teacherSubgraph } from '../subgraphs/teacher';
import { loadCellKeySecret } from '../platform/cell-key-secret';

/**
 * The pieces `npm start` runs in one process and `npm run start:<part>` runs
 * one at a time. Each takes the validated configuration and nothing else, so a
 * split deployment differs from the embedded one only in its environment.
 */
export interface Part {
  readonly name: string;
  readonly url: string;
  close(): Promise<void>;
}

export interface LegacyEndpoints {
  readonly studentDbUrl: string;
  readonly teacherApiUrl: string;
  readonly teacherApiKey: string;
  readonly facilityDir: string;
}

export interface RunningLegacy extends LegacyEndpoints {
  /** The teacher API stand-in when this process runs it (tests stop it to see UPSTREAM_UNAVAILABLE). */
  readonly teacherApi?: Part;
  close(): Promise<void>;
}

/**
 * Starts the stand-ins the configuration does not point elsewhere: the
 * student DB served from PGlite, the teacher HR API from its ndjson file; the
 * facility exports are files. Demo data is generated on the first run.
 */
export async function startLegacyStandIns(config: Config, logger: Logger, studentDbMaxConnections?: number): Promise<RunningLegacy> {
  const paths = legacyDataPaths(config.DATA_DIR);
  const needsStandIn = !config.LEGACY_STUDENT_DB_URL || !config.LEGACY_TEACHER_API_URL || !config.LEGACY_FACILITY_DIR;
  if (needsStandIn) {
    await ensureLegacyData(config.DATA_DIR, { log: (message) => logger.info(message) });
  }
  const closers: Array<() => Promise<void>> = [];
  let studentDbUrl = config.LEGACY_STUDENT_DB_URL;
  if (!studentDbUrl) {
    const db = await openStudentDb({
      kind: 'pglite', dataDir: paths.studentDbDir, host: config.HOST, port: config.LEGACY_STUDENT_DB_PORT,
      ...(studentDbMaxConnections ? { maxConnections: studentDbMaxConnections } : {}),
    });
    closers.push(() => db.close());
    studentDbUrl = db.url;
    logger.info({ url: db.url }, 'student-status DB stand-in (PGlite) serving');
  }
  let teacherApi: Part | undefined;
  let teacherApiUrl = config.LEGACY_TEACHER_API_URL;
  if (!teacherApiUrl) {
    const api = await startTeacherApi({
      host: config.HOST,
      port: config.LEGACY_TEACHER_PORT,
      apiKey: config.LEGACY_TEACHER_API_KEY,
      latencyMs: config.LEGACY_TEACHER_LATENCY_MS,
      failureRate: config.LEGACY_TEACHER_FAILURE_RATE,
      dataFile: paths.teacherFile,
    });
    // Tests stop the stand-in to see UPSTREAM_UNAVAILABLE; closing the pool afterwards must not fail on it.
    const closeOnce = once(() => api.close());
    teacherApi = { name: 'teacher-hr', url: api.url, close: closeOnce };
    closers.push(closeOnce);
    teacherApiUrl = api.url;
    logger.info({ url: api.url }, 'teacher HR API stand-in serving');
  }
  return {
    studentDbUrl,
    teacherApiUrl,
    teacherApiKey: config.LEGACY_TEACHER_API_KEY,
    facilityDir: config.LEGACY_FACILITY_DIR ?? paths.facilityDir,
    ...(teacherApi ? { teacherApi } : {}),
    close: async () => {
      for (const close of closers.reverse()) await close();
    },
  };
}

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
}

export interface PoolKeys {
  readonly token: KeyPair;
  readonly context: ContextKeys;
}

export async function loadPoolKeys(config: Config, gateway: boolean): Promise<PoolKeys> {
  const dataDir = config.DATA_DIR;
  return {
    // The gateway is also the token issuer for console sessions and apps (gateway/people), so it holds the signing key.
    token: await loadKeyPair('token', { dataDir, signingJwk: config.TOKEN_SIGNING_KEY, verifyJwk: config.TOKEN_VERIFY_KEY }, gateway),
    context: await loadContextKeys({
      dataDir, signingJwk: config.CONTEXT_SIGNING_KEY, verifyJwk: config.CONTEXT_VERIFY_KEY, fetchSecret: config.CONTEXT_FETCH_SECRET,
      fetchKeys: {
        student: config.STUDENT_FETCH_KEY, teacher: config.TEACHER_FETCH_KEY, facility: config.FACILITY_FETCH_KEY, governance: config.GOVERNANCE_FETCH_KEY,
      },
    }, gateway),
  };
}

const cellKeySecretOf = (config: Config) => loadCellKeySecret({ dataDir: config.DATA_DIR, secret: config.STATISTICS_CELL_KEY_SECRET });

/** A subgraph part given `hotState` shares it (one process); without, it opens its own on the configured Redis or memory. */
export async function startStudentPart(
  config: Config, logger: Logger, keys: PoolKeys, studentDbUrl: string, onQuery?: (sql: string, params: unknown[]) => void, hotState?: HotState,
): Promise<Part> {
  const services = createStudentServices({
    cellKeySecret: await cellKeySecretOf(config),
    databaseUrl: studentDbUrl, maxPageSize: config.MAX_PAGE_SIZE, statementTimeoutMs: config.LEGACY_TIMEOUT_MS, logger,
    preparedStatements: config.LEGACY_STUDENT_DB_PREPARED === 'on',
    ...(onQuery ? { onQuery } : {}),
  });
  return servePart(studentSubgraph, services, config.STUDENT_SUBGRAPH_PORT, config, logger, keys, [postgresUrlProbe('legacy:student-status', studentDbUrl)], hotState);
}

export async function startTeacherPart(
  config: Config, logger: Logger, keys: PoolKeys, legacy: Pick<LegacyEndpoints, 'teacherApiUrl' | 'teacherApiKey'>, hotState?: HotState,
): Promise<Part> {
  const services = createTeacherServices({
    cellKeySecret: await cellKeySecretOf(config),
    baseUrl: legacy.teacherApiUrl, apiKey: legacy.teacherApiKey, timeoutMs: config.LEGACY_TIMEOUT_MS, maxPageSize: config.MAX_PAGE_SIZE, logger,
  });
  // The 专任教师 table is built before the subgraph serves, so no request ever waits on the HR API's paging.
  await services.statistics.start();
  return servePart(teacherSubgraph, services, config.TEACHER_SUBGRAPH_PORT, config, logger, keys, [httpProbe('legacy:teacher-hr', legacy.teacherApiUrl)], hotState);
}

export async function startFacilityPart(config: Config, logger: Logger, keys: PoolKeys, facilityDir: string, hotState?: HotState): Promise<Part> {
  const services = await createFacilityServices({ directory: facilityDir, maxPageSize: config.MAX_PAGE_SIZE, logger });
  return servePart(facilitySubgraph, services, config.FACILITY_SUBGRAPH_PORT, config, logger, keys, [directoryProbe('legacy:facility-exports', facilityDir)], hotState);
}

async function servePart<TServices, TContext extends BaseSubgraphContext>(
  definition: SubgraphDefinition<TServices, TContext>, services: TServices & { close(): Promise<void> }, port: number,
  config: Config, logger: Logger, keys: PoolKeys, probes: ReadonlyArray<Probe>, sharedHotState?: HotState,
): Promise<Part> {
  // A subgraph records the seals it accepts in the hot state its other instances read (Redis when REDIS_URL is set).
  const hotState = sharedHotState ?? await openPoolHotState(config, logger);
  const closeOwn = async () => {
    await services.close();
    if (!sharedHotState) await hotState.close();
  };
  const tracing = startTracing('edupool');
  try {
    const listening = await serveSubgraph(definition, services, {
      contextKeys: keys.context, hotState, logger, port, host: config.HOST, probes,
      ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    });
    logger.info({ url: listening.url }, `${definition.name} subgraph listening`);
    return {
      name: definition.name,
      url: listening.url,
      close: async () => {
        await listening.close();
        await closeOwn();
        await tracing.flush();
      },
    };
  } catch (error) {
    await closeOwn();
    throw error;
  }
}

/** The gateway's sealer of subgraph fetches, configured once. */
export function poolSealer(config: Config, keys: PoolKeys): ContextSealer {
  return new ContextSealer(keys.context, { fetchTtlSeconds: config.CONTEXT_TTL_SECONDS, assertionTtlSeconds: config.CONTEXT_ASSERTION_TTL_SECONDS });
}

export interface SubgraphUrls {
  readonly student: string;
  readonly teacher: string;
  readonly facility: string;
  readonly governance: string;
}

export function configuredSubgraphUrls(config: Config): SubgraphUrls {
  const local = (port: number) => `http://${config.HOST}:${port}/graphql`;
  return {
    student: config.STUDENT_SUBGRAPH_URL ?? local(config.STUDENT_SUBGRAPH_PORT),
    teacher: config.TEACHER_SUBGRAPH_URL ?? local(config.TEACHER_SUBGRAPH_PORT),
    facility: config.FACILITY_SUBGRAPH_URL ?? local(config.FACILITY_SUBGRAPH_PORT),
    governance: config.GOVERNANCE_SUBGRAPH_URL ?? local(config.GOVERNANCE_SUBGRAPH_PORT),
  };
}

/** The catalog as policies/ ships it; its providers are fixed units, so it needs no school directory. */
export function poolCatalog(): Catalog {
  return shippedCatalog();
}

export function openStore(config: Config, logger: Logger, clock: Clock): Promise<GovernanceStore> {
  return openGovernanceStore({
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}), dataDir: config.DATA_DIR, clock, logger,
  });
}

export function openPoolHotState(config: Config, logger: Logger): Promise<HotState> {
  return openHotState({
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    ...(config.REDIS_CLUSTER_NODES ? { redisClusterNodes: config.REDIS_CLUSTER_NODES.split(',') } : {}),
    keyPrefix: config.REDIS_KEY_PREFIX, logger,
  });
}

/** What the governance subgraph and the gateway of one process share. */
export interface SharedState {
  readonly store: GovernanceStore;
  readonly hotState: HotState;
  readonly unitTree: UnitTree;
  readonly catalog: Catalog;
  readonly clock: Clock;
}

export async function readUnitTree(config: Config, keys: PoolKeys, studentUrl: string, catalog: Catalog, clock: Clock, hotState?: HotState): Promise<UnitTree> {
  return loadUnitTree(studentUrl, poolSealer(config, keys), catalog, clock.now(),
    hotState && config.ENTITY_CACHE_TTL_SECONDS > 0 ? { hotState, ttlSeconds: config.ENTITY_CACHE_TTL_SECONDS } : undefined);
}

export async function startGovernancePart(
  config: Config, logger: Logger, keys: PoolKeys, shared: SharedState,
): Promise<Part> {
  const services = await createGovernanceServices({
    store: shared.store, unitTree: () => shared.unitTree, catalog: shared.catalog, clock: shared.clock,
    calendar: chineseWorkingCalendar, logger, maxPageSize: config.MAX_PAGE_SIZE, hotState: shared.hotState,
  });
  if (demoAccountsOn(config)) {
    const added = await seedDemoAccounts(
      shared.store.pool, demoAccountsOf(shared.unitTree.all()), await hashPassword(config.DEMO_PASSWORD), shared.clock.now(),
    );
    if (added > 0) logger.info({ added }, 'demo accounts created');
  }
  // The store is shared with the gateway (grants, audit) and closed by whoever opened it.
  const unwatch = watchHotState(shared.hotState);
  return servePart(
    governanceSubgraph, { ...services, close: async () => unwatch() }, config.GOVERNANCE_SUBGRAPH_PORT, config, logger, keys,
    [postgresProbe('governance-store', shared.store.pool)], shared.hotState,
  );
}

/** Demo people exist on the embedded default and in development, never by default in production. */
export function demoAccountsOn(config: Config): boolean {
  return (config.DEMO_ACCOUNTS ?? (config.NODE_ENV === 'production' ? 'off' : 'on')) === 'on';
}

/**
 * The gateway. `denylist: 'store'` reads the token denylist from PostgreSQL on
 * every request: for a gateway in a process of its own without Redis, whose
 * memory hot state no governance instance writes to.
 */
export async function startGatewayPart(
  config: Config, logger: Logger, keys: PoolKeys, urls: SubgraphUrls, shared: SharedState, denylistMode: 'hot' | 'store' = 'hot',
): Promise<Part> {
  const tracing = startTracing('edupool');
  const auditLog = createAuditLog(shared.store.pool, { clock: shared.clock, logger });
  const audit = { ...auditLog, append: measuredAppend(auditLog.append) };
  const unwatch = watchHotState(shared.hotState);
  const watch = startAuditWatch({
    pool: shared.store.pool, seal: await loadSealSettings(config, true), clock: shared.clock, logger,
    sealEveryMs: config.AUDIT_SEAL_INTERVAL_SECONDS * 1_000, verifyEveryMs: config.AUDIT_VERIFY_INTERVAL_SECONDS * 1_000,
  });
  const permissions = createPermissionsProvider({
    grants: shared.store.grants, unitTree: () => shared.unitTree, catalog: shared.catalog, clock: shared.clock, pollMs: config.GRANT_POLL_MS,
  });
  const stopNotices = await onGrantChanges(shared.hotState, (unit) => permissions.invalidate(unit), () => permissions.invalidate());
  const denylist = createTokenDenylist({
    mode: denylistMode, hotState: shared.hotState, store: tokenRevocationsRepository(shared.store.pool), clock: shared.clock, logger,
    backstopMs: config.GRANT_POLL_MS,
  });
  await denylist.start();
  const stopStarted = async () => {
    await stopNotices();
    await denylist.close();
    await audit.close();
    unwatch();
    // After the last entries are written, so the final seal covers them.
    await watch.close();
  };
  const sessionSettings = {
    absoluteSeconds: config.SESSION_ABSOLUTE_SECONDS, idleSeconds: config.SESSION_IDLE_SECONDS, secure: config.NODE_ENV === 'production',
  };
  const authenticator = createAuthenticator(
    keys.token, (code) => shared.unitTree.has(code), () => shared.clock.now(), denylist, { hotState: shared.hotState, settings: sessionSettings },
  );
  const peopleRoutes = [
    ...signInRoutes({
      accounts: accountsRepository(shared.store.pool), revocations: tokenRevocationsRepository(shared.store.pool), hotState: shared.hotState,
      tokenKeys: keys.token, session: sessionSettings, clock: shared.clock, logger,
      unitName: (code) => shared.unitTree.get(code)?.name, authenticate: (request) => authenticator.authenticate(request),
    }),
    tokenEndpointRoute({
      apps: appCredentialsRepository(shared.store.pool), tokenKeys: keys.token, ttlSeconds: config.APP_TOKEN_TTL_SECONDS, clock: shared.clock, logger,
    }),
  ];
  const features = hotStateFeatures(config, {
    authenticator,
    hotState: shared.hotState, store: shared.store, unitTree: () => shared.unitTree, catalog: shared.catalog, clock: shared.clock,
  });
  const gateway = await startGateway({
    subgraphs: [
      { name: studentSubgraph.name, typeDefs: studentSubgraph.typeDefs, url: urls.student },
      { name: teacherSubgraph.name, typeDefs: teacherSubgraph.typeDefs, url: urls.teacher },
      { name: facilitySubgraph.name, typeDefs: facilitySubgraph.typeDefs, url: urls.facility },
      { name: governanceSubgraph.name, typeDefs: governanceSubgraph.typeDefs, url: urls.governance },
    ],
    sealer: poolSealer(config, keys),
    upstreamTimeoutMs: config.LEGACY_TIMEOUT_MS * 2,
    authenticator: features.authenticator,
    production: config.NODE_ENV === 'production',
    maxBodyBytes: config.MAX_BODY_BYTES,
    limits: configuredLimits(config),
    logger,
    port: config.PORT,
    host: config.HOST,
    permissions,
    catalog: shared.catalog,
    refusalMode: config.REFUSAL_MODE,
    audit,
    disputes: objectionsRepository(shared.store.pool),
    decisionPorts: features.ports,
    persistedQueries: features.persistedQueries,
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    probes: [
      postgresProbe('governance-store', shared.store.pool),
      hotStateProbe(shared.hotState),
      ...Object.entries(urls).map(([name, url]) => partProbe(`subgraph:${name}`, url.replace(/\/graphql$/, '/ready'))),
    ],
    routes: [...peopleRoutes, ...consoleRoutes({ explorer: config.NODE_ENV !== 'production' })],
  }).catch(async (error: unknown) => {
    await stopStarted();
    throw error;
  });
  return {
    name: 'gateway',
    url: gateway.url,
    close: async () => {
      await gateway.close();
      await stopStarted();
      await tracing.flush();
    },
  };
}
