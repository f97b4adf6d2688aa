import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'graphql';
import { createLogger, type Logger } from '../../platform/logger';
import { statisticsTypeDefs } from '../kit/statistics-types';
import { catalogGuard } from '../kit/catalog-guard';
import { locator } from '../kit/record-locators';
import type { SubgraphDefinition } from '../kit/subgraph-definition';
import { createHttpTeacherHrAdapter, type TeacherHrAdapter } from './adapter';
import { createTeacherLoaders } from './loaders';
import type { Teacher } from './mapper';
import { shippedCatalog } from '../../policies/catalog';
import { mergeResolvers } from '../kit/merge-resolvers';
import { resolvers, type TeacherContext } from './resolvers';
import { statisticsResolvers } from './statistics-resolvers';
import { createTeacherStatistics, cycleMs, type TeacherStatistics } from './teacher-statistics';

/**
 * The teacher subgraph: owns Teacher, contributes School.teachers, over the
 * teacher HR system's HTTP API (DESIGN.md "Shape").
 */
export interface TeacherServices {
  readonly adapter: TeacherHrAdapter;
  readonly maxPageSize: number;
  /** The pre-aggregated 专任教师 table behind Statistics. */
  readonly statistics: TeacherStatistics;
}

export interface TeacherServiceOptions {
  /** The HR API's root, e.g. `LEGACY_TEACHER_API_URL`. */
  readonly baseUrl: string;
  /** Sent as `X-Api-Key` (`LEGACY_TEACHER_API_KEY`). */
  readonly apiKey: string;
  /** Per HTTP request (`LEGACY_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** Largest `first` of Query.teachers (`MAX_PAGE_SIZE`, default 500). */
  readonly maxPageSize?: number;
  readonly logger?: Logger;
  /** Keys the records for perturbed statistics (`STATISTICS_CELL_KEY_SECRET`). */
  readonly cellKeySecret: string;
  /** How often the 专任教师 table is rebuilt from the HR API: the teacher resource's update cycle unless set. */
  readonly statisticsRefreshMs?: number;
}

export function createTeacherServices(options: TeacherServiceOptions): TeacherServices & { close(): Promise<void> } {
  const adapter = createHttpTeacherHrAdapter({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    logger: options.logger ?? createLogger('info', 'teacher-subgraph'),
  });
  const refreshMs = options.statisticsRefreshMs ?? cycleMs[shippedCatalog().resourceOf('Query.teachers')!.updateCycle]!;
  // An adapter of its own: the table's paging is the refresh's, not any request's, and is counted apart.
  const refreshAdapter = createHttpTeacherHrAdapter({
    baseUrl: options.baseUrl, apiKey: options.apiKey, timeoutMs: options.timeoutMs, logger: options.logger ?? createLogger('info', 'teacher-subgraph'),
  });
  const statistics = createTeacherStatistics(refreshAdapter, { refreshMs, cellKeySecret: options.cellKeySecret, ...(options.logger ? { logger: options.logger } : {}) });
  return {
    adapter, statistics, maxPageSize: options.maxPageSize ?? 500,
    close: async () => {
      statistics.close();
      await refreshAdapter.close();
      await adapter.close();
    },
  };
}

/** Where each record type lies, for the shield rules and masks: a teacher by the school it works at. */
const records = {
  School: locator<{ code: string }>({ school: (s) => s.code, id: (s) => s.code }),
  // Statistics belong to no school: the resource is open (all rows); perturbation is the statistic's own business.
  Statistics: locator<{ query: string }>({ school: () => '', id: (s) => s.query }),
  Teacher: locator<Teacher>({ school: (t) => t.school.code, id: (t) => t.id, personal: { type: 'Teacher', id: (t) => t.id } }),
};

export const teacherSubgraph: SubgraphDefinition<TeacherServices, TeacherContext> = {
  name: 'teacher',
  typeDefs: parse([...['schema.graphql', 'statistics.graphql']
    .map((file) => readFileSync(path.join(__dirname, file), 'utf8')), statisticsTypeDefs('TeacherStatisticTable')].join('\n')),
  resolvers: mergeResolvers(resolvers, statisticsResolvers),
  guard: catalogGuard({ records }),
  createContext: (services, base) => ({
    ...base,
    adapter: services.adapter,
    maxPageSize: services.maxPageSize,
    statistics: services.statistics,
    loaders: createTeacherLoaders(services.adapter),
  }),
};

export type { TeacherContext } from './resolvers';
export type { TeacherHrCounters } from './adapter';
