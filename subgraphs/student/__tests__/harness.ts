import { graphql, type ExecutionResult } from 'graphql';
import type { SchoolRow, StudentRow } from '../../../legacy/records';
import { loadStudentDb, openStudentDb } from '../../../legacy/student-db';
import type { StudentDbSource } from '../../../legacy/student-db/source';
import type { Permissions } from '../../../policies/permissions';
import { createTestDatabase, type TestDatabase } from '../../../test/support/create-test-database';
import { syntheticStudentSource } from '../../../test/support/synthetic-student-source';
import { buildGuardedSchema } from '../../kit/guarded-schema';
import { allowAllPermissions, contextFor, silentLogger } from '../../kit/__tests__/test-permissions';
import { createStudentServices, studentSubgraph, type StudentServices } from '../index';

/**
 * A loaded student DB and the subgraph on it, run in-process: the PGlite case
 * always, the PostgreSQL case (a fresh database, dropped afterwards) when
 * LEGACY_STUDENT_DB_URL is set. Statements are counted through `onQuery`.
 * Operations run on the guarded schema, as served, with permissions that allow
 * everything unless a test passes its own.
 */
export const STUDENT_COUNT = 1_200;
export const SCHOOL_COUNT = 100;

export type DbKind = 'pglite' | 'postgres';
export const dbKinds: DbKind[] = process.env.LEGACY_STUDENT_DB_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface Fixture {
  /** The served database's URL, for a second client of a test's own. */
  readonly url: string;
  readonly source: StudentDbSource;
  readonly students: ReadonlyArray<StudentRow>;
  readonly statements: string[];
  readonly params: unknown[][];
  readonly services: StudentServices;
  run(query: string, variables?: Record<string, unknown>, permissions?: Permissions): Promise<ExecutionResult>;
  /** Runs and returns the number of SQL statements the operation cost. */
  count(query: string, variables?: Record<string, unknown>, permissions?: Permissions): Promise<{ result: ExecutionResult; statements: number }>;
  close(): Promise<void>;
}

/** The synthetic dataset, plus empty schools (to 100) and some variety of codes the mapper must translate. */
export function testSource(): StudentDbSource {
  const base = syntheticStudentSource(STUDENT_COUNT);
  const districts = ['440103', '440104', '440105', '440111', '440112', '440113'];
  const extra: SchoolRow[] = Array.from({ length: SCHOOL_COUNT - base.schools.length }, (_, i) => ({
    ...base.schools[0]!, XXDM: `3144${String(500 + i).padStart(6, '0')}`, XXMC: `测试中学${i}`,
    XZQHM: districts[i % districts.length]!, XXBXLXM: i % 2 ? '311' : '341', XXBBM: i % 3 ? '21' : '22',
  }));
  return {
    ...base,
    schools: [...base.schools, ...extra],
    *students() {
      let i = 0;
      for (const { student, guardians } of base.students()) {
        yield { student: vary(student, i), guardians };
        i++;
      }
    },
  };
}

function vary(student: StudentRow, i: number): StudentRow {
  if (i % 7 !== 3) return student;
  return { ...student, XSDQZTM: '03', MZM: '25', SFLSET: '2', JDFSM: '2', CJLXM: '04', XJH: `L${student.XJH.slice(1)}`, CSDM: '110105' };
}

export async function openFixture(kind: DbKind): Promise<Fixture> {
  const source = testSource();
  const database = await createDatabase(kind);
  const target = database.kind === 'postgres' ? { kind: 'postgres' as const, url: database.url } : { kind: 'pglite' as const, dataDir: database.dataDir };
  let served: Awaited<ReturnType<typeof openStudentDb>>;
  try {
    await loadStudentDb(source, target);
    served = await openStudentDb(database.kind === 'postgres' ? target : { kind: 'pglite', dataDir: target.dataDir as string, maxConnections: 8 });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const statements: string[] = [];
  const params: unknown[][] = [];
  const services = createStudentServices({
    cellKeySecret: 'test-cell-key-secret', databaseUrl: served.url, maxPageSize: 500, poolSize: 4,
    onQuery: (sql, values) => { statements.push(sql); params.push(values); },
  });
  const schema = buildGuardedSchema(studentSubgraph, silentLogger);
  const run = (query: string, variables?: Record<string, unknown>, permissions: Permissions = allowAllPermissions()) => graphql({
    schema, source: query, variableValues: variables ?? {}, contextValue: contextFor(studentSubgraph, services, permissions),
  });
  return {
    url: served.url,
    source,
    students: [...source.students()].map((s) => s.student),
    statements,
    params,
    services,
    run,
    count: async (query, variables, permissions) => {
      const before = statements.length;
      const result = await run(query, variables, permissions);
      return { result, statements: statements.length - before };
    },
    close: async () => {
      await services.close();
      await served.close();
      await database.drop();
    },
  };
}

async function createDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'postgres') return createTestDatabase('LEGACY_STUDENT_DB_URL');
  // Force the embedded path even when the variable is set, so both cases run then.
  const saved = process.env.LEGACY_STUDENT_DB_URL;
  delete process.env.LEGACY_STUDENT_DB_URL;
  try {
    return await createTestDatabase('LEGACY_STUDENT_DB_URL');
  } finally {
    if (saved !== undefined) process.env.LEGACY_STUDENT_DB_URL = saved;
  }
}
