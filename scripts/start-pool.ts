import type { UnitTree } from '../policies';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import {
  loadPoolKeys, startFacilityPart, startGatewayPart, startLegacyStandIns, startStudentPart, startTeacherPart,
  type Part, type RunningLegacy,
} from './pool-parts';

export interface RunningPool {
  readonly gatewayUrl: string;
  readonly subgraphs: Readonly<Record<'student' | 'teacher' | 'facility', Part>>;
  readonly legacy: RunningLegacy;
  readonly unitTree: UnitTree;
  close(): Promise<void>;
}

export interface StartPoolHooks {
  /** The student-status DB's query log (tests read the WHERE clauses pushed down). */
  readonly onStudentQuery?: (sql: string, params: unknown[]) => void;
}

/**
 * The whole pool in one process: stand-ins, the three subgraphs and the
 * gateway, each on its own port exactly as it would run alone. Ports of 0 pick
 * free ones (tests). A failure part-way closes what already started.
 */
export async function startPool(config: Config, logger: Logger, hooks: StartPoolHooks = {}): Promise<RunningPool> {
  const started: Part[] = [];
  const closeStarted = async () => {
    for (const part of started.reverse()) await part.close();
  };
  const legacy = await startLegacyStandIns(config, logger);
  started.push({ name: 'legacy', url: '', close: () => legacy.close() });
  try {
    const keys = await loadPoolKeys(config, true);
    const student = await startStudentPart(config, logger, keys, legacy.studentDbUrl, hooks.onStudentQuery);
    started.push(student);
    const teacher = await startTeacherPart(config, logger, keys, legacy);
    started.push(teacher);
    const facility = await startFacilityPart(config, logger, keys, legacy.facilityDir);
    started.push(facility);
    const gateway = await startGatewayPart(config, logger, keys, { student: student.url, teacher: teacher.url, facility: facility.url });
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      subgraphs: { student, teacher, facility },
      legacy,
      unitTree: gateway.unitTree,
      close: closeStarted,
    };
  } catch (error) {
    await closeStarted();
    throw error;
  }
}
