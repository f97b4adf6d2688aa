import type { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/create-test-database';
import { syntheticStudentSource } from '../../../test/support/synthetic-student-source';
import { createTestPool } from '../../../test/support/test-clients';
import { GUARDIAN_COLUMNS, SCHOOL_COLUMNS, STUDENT_COLUMNS, CLASS_COLUMNS, TABLES } from '../columns';
import { loadStudentDb, type StudentDbTarget } from '../load-student-db';
import { openStudentDb, type StudentDbConfig } from '../open-student-db';

/**
 * One contract for both stores: load a small dataset, then read it back
 * through `pg`. The PostgreSQL case runs only when LEGACY_STUDENT_DB_URL is
 * set; the PGlite case always runs.
 */
const STUDENTS = 1_200;
const source = syntheticStudentSource(STUDENTS);
const rows = [...source.students()];

const cases: Array<[string, () => Promise<TestDatabase>]> = [['pglite', () => createPgliteDatabase()]];
if (process.env.LEGACY_STUDENT_DB_URL) cases.push(['postgres', () => createTestDatabase('LEGACY_STUDENT_DB_URL')]);

describe.each(cases)('student DB on %s', (_kind, create) => {
  let database: TestDatabase;
  let served: { url: string; close(): Promise<void> };
  let pool: Pool;

  beforeAll(async () => {
    database = await create();
    const target: StudentDbTarget = database.kind === 'postgres' ? { kind: 'postgres', url: database.url } : { kind: 'pglite', dataDir: database.dataDir };
    const progress: number[] = [];
    const summary = await loadStudentDb(source, target, (loaded) => progress.push(loaded));
    expect(summary).toMatchObject({ schools: source.schools.length, classes: source.classes.length, students: STUDENTS, guardians: STUDENTS * 2 });
    expect(progress.at(-1)).toBe(STUDENTS);
    const config: StudentDbConfig = database.kind === 'postgres' ? { kind: 'postgres', url: database.url } : { kind: 'pglite', dataDir: database.dataDir, maxConnections: 4 };
    served = await openStudentDb(config);
    pool = createTestPool({ connectionString: served.url, max: 4 });
  });

  afterAll(async () => {
    await pool?.end();
    await served?.close();
    await database?.drop();
  });

  it('holds every row', async () => {
    const counts = await pool.query<{ t: string; n: number }>(
      `SELECT 'schools' t, count(*)::int n FROM ${TABLES.schools} UNION ALL SELECT 'classes', count(*)::int FROM ${TABLES.classes}
       UNION ALL SELECT 'students', count(*)::int FROM ${TABLES.students} UNION ALL SELECT 'guardians', count(*)::int FROM ${TABLES.guardians}`,
    );
    expect(Object.fromEntries(counts.rows.map((r) => [r.t, r.n]))).toEqual({
      schools: source.schools.length, classes: source.classes.length, students: STUDENTS, guardians: STUDENTS * 2,
    });
  });

  it('has the columns of the row shapes, lower-cased, all text', async () => {
    const result = await pool.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY table_name, ordinal_position`,
      [Object.values(TABLES)],
    );
    const columnsOf = (table: string) => result.rows.filter((r) => r.table_name === table).map((r) => r.column_name);
    expect(columnsOf(TABLES.schools)).toEqual(SCHOOL_COLUMNS.map((c) => c.toLowerCase()));
    expect(columnsOf(TABLES.classes)).toEqual(CLASS_COLUMNS.map((c) => c.toLowerCase()));
    expect(columnsOf(TABLES.students)).toEqual(STUDENT_COLUMNS.map((c) => c.toLowerCase()));
    expect(columnsOf(TABLES.guardians)).toEqual(GUARDIAN_COLUMNS.map((c) => c.toLowerCase()));
    expect(new Set(result.rows.map((r) => r.data_type))).toEqual(new Set(['character varying']));
  });

  it('round-trips text exactly: YYYYMMDD dates, empty strings, tabs, newlines and backslashes', async () => {
    const picks = [rows[0]!, rows[89]!, rows[97]!, rows[50]!];
    for (const { student } of picks) {
      const found = await pool.query('SELECT * FROM xsjbxx WHERE xh = $1', [student.XH]);
      const expected = Object.fromEntries(STUDENT_COLUMNS.map((c) => [c.toLowerCase(), student[c]]));
      expect(found.rows[0]).toEqual(expected);
    }
    expect(picks[0]!.student.CSRQ).toMatch(/^\d{8}$/);
  });

  it('has the keys and indexes the pool relies on', async () => {
    const result = await pool.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    expect(result.rows.map((r) => r.indexname)).toEqual(expect.arrayContaining([
      'xxjbxx_pkey', 'bjxx_pkey', 'xsjbxx_pkey', 'xsjtcy_pkey',
      'xxjbxx_xzqhm', 'bjxx_xxdm', 'xsjbxx_xxdm', 'xsjbxx_bjdm', 'xsjbxx_xjh', 'xsjbxx_sfzjh',
    ]));
  });

  it('answers concurrent parameterised queries from a pool correctly', async () => {
    const results = await Promise.all(rows.slice(0, 200).map(async ({ student }, i) => {
      if (i % 2 === 0) {
        const r = await pool.query<{ xm: string }>('SELECT xm FROM xsjbxx WHERE xh = $1', [student.XH]);
        return r.rows[0]?.xm === student.XM;
      }
      const r = await pool.query<{ n: number; tag: string }>(
        'SELECT count(*)::int AS n, $2::text AS tag FROM xsjtcy WHERE xh = $1', [student.XH, `t${i}`]);
      return r.rows[0]?.n === 2 && r.rows[0]?.tag === `t${i}`;
    }));
    expect(results.every(Boolean)).toBe(true);
  });

  it('keeps a transaction on its own connection while others query', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE xxjbxx SET xzxm = 'tx' WHERE xxdm = $1`, [source.schools[0]!.XXDM]);
      const outside = pool.query<{ n: number }>('SELECT count(*)::int AS n FROM xxjbxx');
      await client.query('ROLLBACK');
      expect((await outside).rows[0]?.n).toBe(source.schools.length);
      const after = await pool.query<{ xzxm: string }>('SELECT xzxm FROM xxjbxx WHERE xxdm = $1', [source.schools[0]!.XXDM]);
      expect(after.rows[0]?.xzxm).toBe(source.schools[0]!.XZXM);
    } finally {
      client.release();
    }
  });
});

async function createPgliteDatabase(): Promise<TestDatabase> {
  // Force the embedded path even when the variable is set, so both run then.
  const saved = process.env.LEGACY_STUDENT_DB_URL;
  delete process.env.LEGACY_STUDENT_DB_URL;
  try {
    return await createTestDatabase('LEGACY_STUDENT_DB_URL');
  } finally {
    if (saved !== undefined) process.env.LEGACY_STUDENT_DB_URL = saved;
  }
}
