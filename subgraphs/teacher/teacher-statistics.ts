import type { Logger } from '../../platform/logger';
import { isFullTimeTeacher } from '../../policies/statistics';
import { recordKey } from '../kit/record-key';
import type { TeacherHrAdapter } from './adapter';

/**
 * The pre-aggregated table of 专任教师 the teacher subgraph owns: full-time
 * teachers counted per (school, sex, ethnicity), filled by paging the HR
 * API at refresh time and never at request time (the API's 200-record pages
 * are no way to count 150,000 teachers while a client waits). It refreshes
 * on the source's update cycle and says its as-of time. It is kept in this
 * process: it holds counts only (no personal data) and is rebuilt from the
 * HR system, so each instance may hold its own. With each count goes the
 * sum of its teachers' record keys, from which cells are perturbed.
 */
export interface TeacherFact {
  readonly school: string;
  readonly gender: string;
  readonly ethnicity: string;
  readonly count: number;
  /** Σ record keys of the teachers counted (cell-key method). */
  readonly keySum: number;
}

export interface TeacherStatistics {
  /** The table as of its last refresh; waits for the first refresh (started with the service), fails if that failed. */
  current(): Promise<{ readonly asOf: Date; readonly facts: ReadonlyArray<TeacherFact> }>;
  /** Builds the first table (a failure is logged and retried) and refreshes it every cycle from then on. */
  start(): Promise<void>;
  refresh(): Promise<void>;
  close(): void;
}

const RETRY_MS = 30_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createTeacherStatistics(adapter: TeacherHrAdapter, options: { refreshMs: number; cellKeySecret: string; logger?: Logger; now?: () => Date }): TeacherStatistics {
  const now = options.now ?? (() => new Date());
  let table: Promise<{ asOf: Date; facts: TeacherFact[] }> | undefined;

  const build = async () => {
    const asOf = now();
    const counts = new Map<string, TeacherFact>();
    for (const teacher of await adapter.allTeachers()) {
      const counted = isFullTimeTeacher({
        qualificationKind: teacher.qualificationKind?.code ?? '', post: teacher.post?.code ?? '', status: teacher.status?.code ?? '',
      });
      if (!counted) continue;
      const fact = { school: teacher.school.code, gender: teacher.gender.code, ethnicity: teacher.ethnicity?.code ?? '' };
      const key = `${fact.school}|${fact.gender}|${fact.ethnicity}`;
      const before = counts.get(key);
      counts.set(key, { ...fact, count: (before?.count ?? 0) + 1, keySum: (before?.keySum ?? 0) + recordKey(options.cellKeySecret, teacher.id) });
    }
    options.logger?.info({ facts: counts.size, asOf }, 'full-time teacher table refreshed');
    return { asOf, facts: [...counts.values()] };
  };

  const refresh = async () => {
    const next = build();
    // Until the first table exists, readers wait for it; afterwards a failed refresh keeps the previous one.
    if (table === undefined) table = next;
    try {
      const built = await next;
      table = Promise.resolve(built);
    } catch (error) {
      options.logger?.warn({ err: error }, 'full-time teacher table refresh failed; keeping the previous one');
      if (table === next) {
        // No table at all yet: try again soon rather than wait a whole cycle.
        table = undefined;
        setTimeout(() => void refresh(), RETRY_MS).unref();
      }
    }
  };
  let timer: NodeJS.Timeout | undefined;

  return {
    current: () => table ?? Promise.reject(new Error('full-time teacher table not built yet')),
    start: async () => {
      // Node's timers hold at most 2^31 − 1 ms (24.8 days) and fire at once beyond it: a monthly cycle refreshes a little early.
      timer ??= setInterval(() => void refresh(), Math.min(options.refreshMs, MAX_TIMER_MS));
      timer.unref();
      await refresh();
    },
    refresh,
    close: () => clearInterval(timer),
  };
}

/** The update cycle of the catalog in milliseconds. */
export const cycleMs: Readonly<Record<string, number>> = {
  实时: 60_000, 每日: 86_400_000, 每周: 7 * 86_400_000, 每月: 30 * 86_400_000, 每学期: 182 * 86_400_000, 每年: 365 * 86_400_000,
};
