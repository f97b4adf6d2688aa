import type { UnitTree } from '../policies';
import { systemClock, type Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { GovernanceStore } from '../store';
import type { HotState } from '../platform/hot-state';
import {
  loadPoolKeys, openPoolHotState, openStore, poolCatalog, readUnitTree, startFacilityPart, startGatewayPart, startGovernancePart,
  startLegacyStandIns, startStudentPart, startTeacherPart, type Part, type RunningLegacy,
} from './pool-parts';

export interface RunningPool {
  readonly gatewayUrl: string;
  readonly subgraphs: Readonly<Record<'student' | 'teacher' | 'facility' | 'governance', Part>>;
  readonly legacy: RunningLegacy;
  readonly unitTree: UnitTree;
  readonly store: GovernanceStore;
  readonly hotState: HotState;
  close(): Promise<void>;
}

export interface StartPoolHooks {
  /** The student-status DB's query log (tests read the WHERE clauses pushed down). */
  readonly onStudentQuery?: (sql: string, params: unknown[]) => void;
  /** The pool's clock: deadlines, grant validity, token expiry (tests move it). */
  readonly clock?: Clock;
}

/**
 * The whole pool in one process: stand-ins, the governance store, four
 * subgraphs and the gateway, each on its own port exactly as it would run
 * alone. Ports of 0 pick free ones (tests). A failure part-way closes what
 * already started.
 */
export async function startPool(config: Config, logger: Logger, hooks: StartPoolHooks = {}): Promise<RunningPool> {
  const clock = hooks.clock ?? systemClock;
  const started: Part[] = [];
  const closeStarted = async () => {
    for (const part of started.splice(0).reverse()) await part.close();
  };
  const legacy = await startLegacyStandIns(config, logger);
  started.push({ name: 'legacy', url: '', close: () => legacy.close() });
  try {
    const keys = await loadPoolKeys(config, true);
    const store = await openStore(config, logger, clock);
    started.push({ name: 'store', url: '', close: () => store.close() });
    const hotState = await openPoolHotState(config, logger);
    started.push({ name: 'hot-state', url: '', close: () => hotState.close() });
    const catalog = poolCatalog();
    const student = await startStudentPart(config, logger, keys, legacy.studentDbUrl, hooks.onStudentQuery, hotState);
    started.push(student);
    const teacher = await startTeacherPart(config, logger, keys, legacy, hotState);
    started.push(teacher);
    const facility = await startFacilityPart(config, logger, keys, legacy.facilityDir, hotState);
    started.push(facility);
    const unitTree = await readUnitTree(config, keys, student.url, catalog, clock, hotState);
    const shared = { store, hotState, unitTree, catalog, clock };
    const governance = await startGovernancePart(config, logger, keys, shared);
    started.push(governance);
    const gateway = await startGatewayPart(config, logger, keys, {
      student: student.url, teacher: teacher.url, facility: facility.url, governance: governance.url,
    }, shared);
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      subgraphs: { student, teacher, facility, governance },
      legacy,
      unitTree,
      store,
      hotState,
      close: closeStarted,
    };
  } catch (error) {
    await closeStarted();
    throw error;
  }
}
