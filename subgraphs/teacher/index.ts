import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'graphql';
import { createLogger, type Logger } from '../../platform/logger';
import { catalogGuard } from '../kit/catalog-guard';
import { locator } from '../kit/record-locators';
import type { SubgraphDefinition } from '../kit/subgraph-definition';
import { createHttpTeacherHrAdapter, type TeacherHrAdapter } from './adapter';
import { createTeacherLoaders } from './loaders';
import type { Teacher } from './mapper';
import { resolvers, type TeacherContext } from './resolvers';

/**
 * The teacher subgraph: owns Teacher, contributes School.teachers, over the
 * teacher HR system's HTTP API (DESIGN.md "Shape").
 */
export interface TeacherServices {
  readonly adapter: TeacherHrAdapter;
  readonly maxPageSize: number;
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
}

export function createTeacherServices(options: TeacherServiceOptions): TeacherServices & { close(): Promise<void> } {
  const adapter = createHttpTeacherHrAdapter({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    logger: options.logger ?? createLogger('info', 'teacher-subgraph'),
  });
  return { adapter, maxPageSize: options.maxPageSize ?? 500, close: () => adapter.close() };
}

/** Where each record type lies, for the shield rules and masks: a teacher by the school it works at. */
const records = {
  School: locator<{ code: string }>({ school: (s) => s.code, id: (s) => s.code }),
  Teacher: locator<Teacher>({ school: (t) => t.school.code, id: (t) => t.id, personal: { type: 'Teacher', id: (t) => t.id } }),
};

export const teacherSubgraph: SubgraphDefinition<TeacherServices, TeacherContext> = {
  name: 'teacher',
  typeDefs: parse(readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8')),
  resolvers,
  guard: catalogGuard({ records }),
  createContext: (services, base) => ({
    ...base,
    adapter: services.adapter,
    maxPageSize: services.maxPageSize,
    loaders: createTeacherLoaders(services.adapter),
  }),
};

export type { TeacherContext } from './resolvers';
export type { TeacherHrCounters } from './adapter';
