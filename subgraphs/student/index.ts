import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'graphql';
import type { Logger } from '../../platform/logger';
import { statisticsTypeDefs } from '../kit/statistics-types';
import { catalogGuard } from '../kit/catalog-guard';
import { mergeResolvers } from '../kit/merge-resolvers';
import { locator } from '../kit/record-locators';
import { scopeFilter, scopeOf } from '../kit/row-scope';
import type { SubgraphDefinition } from '../kit/subgraph-definition';
import { createPgStudentDb, type StudentDb } from './adapter';
import { createStudentLoaders } from './loaders';
import type { Class, School, Student } from './mapper';
import { resolvers, type GuardianOfStudent, type StudentContext } from './resolvers';
import { statisticsResolvers } from './statistics-resolvers';

/**
 * The student subgraph (学籍): schools, classes, students and guardians from
 * the student-status DB. Owns School, Class and Student; Teacher is a
 * reference the teacher subgraph resolves.
 */
export interface StudentServices {
  readonly db: StudentDb;
  readonly maxPageSize: number;
  readonly cellKeySecret: string;
}

export interface StudentServicesOptions {
  /** postgres:// URL: `LEGACY_STUDENT_DB_URL`, or the URL `openStudentDb` returns for the embedded PGlite. */
  readonly databaseUrl: string;
  /** Keys the records for perturbed statistics (`STATISTICS_CELL_KEY_SECRET`). */
  readonly cellKeySecret: string;
  /** Largest `first` a list accepts (default 500). */
  readonly maxPageSize?: number;
  /** Connections in the pool (default 8; keep it below PGlite's socket limit, 16 by default). */
  readonly poolSize?: number;
  /** Per statement, and for connecting (default 10 s); past it the field is UPSTREAM_UNAVAILABLE. */
  readonly statementTimeoutMs?: number;
  /** Sees every statement with its parameters: the legacy query log. */
  readonly onQuery?: (sql: string, params: unknown[]) => void;
  /** Where connection failures and malformed legacy rows are logged. */
  readonly logger?: Logger;
  /** Named statements (LEGACY_STUDENT_DB_PREPARED): a real PostgreSQL only, not PGlite nor PgBouncer in transaction mode. */
  readonly preparedStatements?: boolean;
}

export function createStudentServices(options: StudentServicesOptions): StudentServices & { close(): Promise<void> } {
  const db = createPgStudentDb({
    databaseUrl: options.databaseUrl,
    poolSize: options.poolSize ?? 8,
    statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.preparedStatements ? { preparedStatements: true } : {}),
  });
  return { db, maxPageSize: options.maxPageSize ?? 500, cellKeySecret: options.cellKeySecret, close: () => db.close() };
}

/**
 * Where each record type lies, for the shield rules and masks: a student and
 * the guardians on its record by the student's school. The Teacher stub has
 * only its key and needs none.
 */
const records = {
  School: locator<School>({ school: (s) => s.code, id: (s) => s.code }),
  Class: locator<Class>({ school: (c) => c.schoolCode, id: (c) => c.id }),
  Student: locator<Student>({ school: (s) => s.schoolCode, id: (s) => s.id, personal: { type: 'Student', id: (s) => s.id } }),
  // Statistics belong to no school: the resource is open (all rows); perturbation is the statistic's own business.
  Statistics: locator<{ query: string }>({ school: () => '', id: (s) => s.query }),
  Guardian: locator<GuardianOfStudent>({
    school: (g) => g.schoolCode, id: (g) => g.studentId, personal: { type: 'Student', id: (g) => g.studentId },
  }),
};

export const studentSubgraph: SubgraphDefinition<StudentServices, StudentContext> = {
  name: 'student',
  typeDefs: parse([...['schema.graphql', 'statistics.graphql']
    .map((file) => readFileSync(path.join(__dirname, file), 'utf8')), statisticsTypeDefs()].join('\n')),
  resolvers: mergeResolvers(resolvers, statisticsResolvers),
  guard: catalogGuard({ records }),
  createContext: (services, base) => ({
    ...base,
    db: services.db,
    maxPageSize: services.maxPageSize,
    cellKeySecret: services.cellKeySecret,
    loaders: createStudentLoaders(services.db, {
      student: scopeFilter(scopeOf(base, 'Query.student')),
      classStudents: scopeFilter(scopeOf(base, 'Class.students')),
    }),
  }),
};

export type { StudentContext } from './resolvers';
