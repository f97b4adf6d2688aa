import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'graphql';
import type { Logger } from '../../platform/logger';
import type { SubgraphDefinition } from '../kit/subgraph-definition';
import { createPgStudentDb, type StudentDb } from './adapter';
import { createStudentLoaders } from './loaders';
import { resolvers, type StudentContext } from './resolvers';

/**
 * The student subgraph (学籍): schools, classes, students and guardians from
 * the student-status DB. Owns School, Class and Student; Teacher is a
 * reference the teacher subgraph resolves.
 */
export interface StudentServices {
  readonly db: StudentDb;
  readonly maxPageSize: number;
}

export interface StudentServicesOptions {
  /** postgres:// URL: `LEGACY_STUDENT_DB_URL`, or the URL `openStudentDb` returns for the embedded PGlite. */
  readonly databaseUrl: string;
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
}

export function createStudentServices(options: StudentServicesOptions): StudentServices & { close(): Promise<void> } {
  const db = createPgStudentDb({
    databaseUrl: options.databaseUrl,
    poolSize: options.poolSize ?? 8,
    statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { db, maxPageSize: options.maxPageSize ?? 500, close: () => db.close() };
}

export const studentSubgraph: SubgraphDefinition<StudentServices, StudentContext> = {
  name: 'student',
  typeDefs: parse(readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8')),
  resolvers,
  createContext: (services, request) => ({
    request,
    db: services.db,
    maxPageSize: services.maxPageSize,
    loaders: createStudentLoaders(services.db),
  }),
};

export type { StudentContext } from './resolvers';
