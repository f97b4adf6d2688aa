import { CLASS_COLUMNS, GUARDIAN_COLUMNS, SCHOOL_COLUMNS, STUDENT_COLUMNS, TABLES } from '../../legacy/student-db/columns';
import type { ClassRow, GuardianRow, SchoolRow, StudentRow } from '../../legacy/records';
import { legacyCall } from '../../platform/legacy-calls';
import type { Logger } from '../../platform/logger';
import { createPgPool } from '../../platform/pg-clients';
import type { SqlStatement } from './statistics-sql';

/**
 * The only code that speaks to the student-status DB: one `pg.Pool` on a URL,
 * the same path for the embedded PGlite (served over the wire protocol by
 * legacy/student-db) and production PostgreSQL. Every statement is
 * parameterised, counted as a legacy call and shown to `onQuery`; filters are
 * pushed into WHERE so rows outside them never leave the database (DESIGN.md
 * "Row scope is pushed down"), the request's row scope included (`scope`).
 */

/**
 * A row scope as SQL sees it: records of schools in `districts` (by the
 * school's 行政区划码) or in `schools`. The gateway lists every school of a
 * district in `schools` too; naming the districts lets the database test
 * whole districts, schools opened since the gateway read the directory
 * included.
 */
export interface SqlRowScope {
  readonly districts: ReadonlyArray<string>;
  readonly schools: ReadonlyArray<string>;
}

/** Conditions on students; each list is an IN (empty list = no rows), lists combine with AND. */
export interface StudentSqlFilter {
  readonly ids?: ReadonlyArray<string>;
  /** Districts (GB/T 2260) of the students' schools. */
  readonly districts?: ReadonlyArray<string>;
  readonly schools?: ReadonlyArray<string>;
  readonly classes?: ReadonlyArray<string>;
  readonly grades?: ReadonlyArray<string>;
  /** 学生当前状态码. */
  readonly statuses?: ReadonlyArray<string>;
  /** 办学类型码 of the students' schools. */
  readonly runningTypes?: ReadonlyArray<string>;
  readonly genders?: ReadonlyArray<string>;
  /** The request's row scope for the coordinate; absent = every record. */
  readonly scope?: SqlRowScope;
}

export interface SchoolSqlFilter {
  readonly codes?: ReadonlyArray<string>;
  readonly districts?: ReadonlyArray<string>;
  readonly runningTypes?: ReadonlyArray<string>;
  readonly ownerships?: ReadonlyArray<string>;
  readonly scope?: SqlRowScope;
}

/** A keyset page: rows after `after` in key order, `first + 1` of them so the caller knows if more follow. */
export interface KeysetPage {
  readonly first: number;
  readonly after?: string;
}

export interface StudentDb {
  schools(filter: SchoolSqlFilter): Promise<SchoolRow[]>;
  schoolPage(filter: SchoolSqlFilter, page: KeysetPage): Promise<SchoolRow[]>;
  countSchools(filter: SchoolSqlFilter): Promise<number>;
  classesByIds(ids: ReadonlyArray<string>): Promise<ClassRow[]>;
  classesBySchools(codes: ReadonlyArray<string>): Promise<ClassRow[]>;
  /** In-school students per class (班额), counted by GROUP BY in the database. */
  classSizes(ids: ReadonlyArray<string>): Promise<Map<string, number>>;
  students(filter: StudentSqlFilter): Promise<StudentRow[]>;
  studentPage(filter: StudentSqlFilter, page: KeysetPage): Promise<StudentRow[]>;
  countStudents(filter: StudentSqlFilter): Promise<number>;
  /** One keyset page per school, in one statement (LATERAL): ordered by school, then 学号. */
  studentPagesBySchools(codes: ReadonlyArray<string>, filter: StudentSqlFilter, page: KeysetPage): Promise<StudentRow[]>;
  countStudentsBySchools(codes: ReadonlyArray<string>, filter: StudentSqlFilter): Promise<Map<string, number>>;
  guardiansByStudents(ids: ReadonlyArray<string>): Promise<GuardianRow[]>;
  /** Which of the ids exist at all, reading the key only: tells "no such student" from "outside your scope". */
  existingStudentIds(ids: ReadonlyArray<string>): Promise<Set<string>>;
  /**
   * The enrollments of one ID number within the scope (a person may hold an
   * old transferred-out record besides the current one): only the columns a
   * verification compares, by the SFZJH index, in one statement.
   */
  enrollmentsByIdNumber(idNumber: string, scope?: SqlRowScope): Promise<EnrollmentRow[]>;
  /** The rows of one statistics GROUP BY (statistics-sql.ts): dimension columns as text, `n` the count. */
  aggregate(statement: SqlStatement): Promise<Array<Readonly<Record<string, string | number>>>>;
  close(): Promise<void>;
}

/** What a verification reads of a student record: name, status, grade and the school's running type. */
export interface EnrollmentRow {
  readonly name: string;
  readonly status: string;
  readonly grade: string;
  readonly runningType: string;
}

/** The student-status DB failed or timed out. Resolvers turn it into UPSTREAM_UNAVAILABLE; its cause is logged only. */
export class StudentDbUnavailable extends Error {
  constructor(cause: unknown) {
    super('student-status database unavailable', { cause });
    this.name = 'StudentDbUnavailable';
  }
}

/** A row that is not the legacy shape (a column missing or not text): logged by key, never served. */
export class InvalidLegacyRow extends Error {
  constructor(readonly table: string, readonly key: string, readonly column: string) {
    super(`${table} row ${key} has no text column ${column}`);
    this.name = 'InvalidLegacyRow';
  }
}

export interface PgStudentDbOptions {
  readonly databaseUrl: string;
  readonly poolSize: number;
  readonly statementTimeoutMs: number;
  readonly onQuery?: (sql: string, params: unknown[]) => void;
  readonly logger?: Logger;
  /**
   * Named (prepared) statements. Only for a PostgreSQL server where each
   * connection is its own session: the embedded PGlite serves every
   * connection from one session, and PgBouncer in transaction mode hands a
   * connection's statements to others, so a second "prepare" of the same
   * name fails there (42P05).
   */
  readonly preparedStatements?: boolean;
}

const IN_SCHOOL = '01';

export function createPgStudentDb(options: PgStudentDbOptions): StudentDb {
  const pool = createPgPool({
    connectionString: options.databaseUrl,
    max: options.poolSize,
    connectionTimeoutMillis: options.statementTimeoutMs,
    // The server cancels a slow statement; the client-side limit is the net for a server that ignores it.
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + 1_000,
  }, (error) => options.logger?.warn({ err: error }, 'student-status DB connection lost'));

  // Named statements: each connection parses and plans a statement once, then only binds. Values never enter the SQL text, so its shapes are few.
  const statementNames = new Map<string, string>();
  const statementName = (sql: string) => {
    let name = statementNames.get(sql);
    if (name === undefined) {
      name = `edupool_${statementNames.size}`;
      statementNames.set(sql, name);
    }
    return name;
  };

  async function run<T>(sql: string, params: unknown[], parse: (raw: Record<string, unknown>) => T): Promise<T[]> {
    options.onQuery?.(sql, params);
    let rows: Record<string, unknown>[];
    try {
      const query = options.preparedStatements ? { name: statementName(sql), text: sql, values: params } : { text: sql, values: params };
      rows = await legacyCall('student-status', 'sql', async () => (await pool.query(query)).rows as Record<string, unknown>[]);
    } catch (error) {
      if (isOurMistake(error)) throw error;
      options.logger?.warn({ err: error }, 'student-status DB query failed');
      throw new StudentDbUnavailable(error);
    }
    try {
      return rows.map(parse);
    } catch (error) {
      options.logger?.error({ err: error }, 'student-status DB returned a row that is not the legacy shape');
      throw error;
    }
  }

  const keyCounts = async (sql: string, params: unknown[]) =>
    new Map((await run(sql, params, (r) => [String(r.key), Number(r.n)] as const)));

  return {
    schools: (filter) => {
      const p = new Params();
      return run(`SELECT ${SCHOOL_SELECT} FROM ${TABLES.schools} x${where(schoolConditions(filter, p))} ORDER BY x.xxdm`, p.values, readSchool);
    },
    schoolPage: (filter, page) => {
      const p = new Params();
      const conditions = schoolConditions(filter, p);
      if (page.after !== undefined) conditions.push(`x.xxdm > ${p.add(page.after)}`);
      return run(`SELECT ${SCHOOL_SELECT} FROM ${TABLES.schools} x${where(conditions)} ORDER BY x.xxdm LIMIT ${p.add(page.first + 1)}`, p.values, readSchool);
    },
    countSchools: async (filter) => {
      const p = new Params();
      const [n] = await run(`SELECT count(*)::int AS n FROM ${TABLES.schools} x${where(schoolConditions(filter, p))}`, p.values, (r) => Number(r.n));
      return n ?? 0;
    },
    classesByIds: (ids) =>
      run(`SELECT ${CLASS_SELECT} FROM ${TABLES.classes} c WHERE c.bjdm = ANY($1::text[]) ORDER BY c.bjdm`, [[...ids]], readClass),
    classesBySchools: (codes) =>
      run(`SELECT ${CLASS_SELECT} FROM ${TABLES.classes} c WHERE c.xxdm = ANY($1::text[]) ORDER BY c.xxdm, c.nj, c.bh`, [[...codes]], readClass),
    classSizes: (ids) =>
      keyCounts(
        `SELECT s.bjdm AS key, count(*)::int AS n FROM ${TABLES.students} s WHERE s.bjdm = ANY($1::text[]) AND s.xsdqztm = $2 GROUP BY s.bjdm`,
        [[...ids], IN_SCHOOL],
      ),
    students: (filter) => {
      const p = new Params();
      return run(`SELECT ${STUDENT_SELECT} FROM ${TABLES.students} s${where(studentConditions(filter, p))} ORDER BY s.xh`, p.values, readStudent);
    },
    studentPage: (filter, page) => {
      const p = new Params();
      const conditions = studentConditions(filter, p);
      if (page.after !== undefined) conditions.push(`s.xh > ${p.add(page.after)}`);
      return run(`SELECT ${STUDENT_SELECT} FROM ${TABLES.students} s${where(conditions)} ORDER BY s.xh LIMIT ${p.add(page.first + 1)}`, p.values, readStudent);
    },
    countStudents: async (filter) => {
      const p = new Params();
      const [n] = await run(`SELECT count(*)::int AS n FROM ${TABLES.students} s${where(studentConditions(filter, p))}`, p.values, (r) => Number(r.n));
      return n ?? 0;
    },
    // LATERAL runs the keyset query once per school on the xxdm index and stops
    // at LIMIT with a top-N sort: the cost is about (students of the listed
    // schools matching the filter) index reads, never the whole table.
    studentPagesBySchools: (codes, filter, page) => {
      const p = new Params();
      const schoolList = p.add([...new Set(codes)]);
      const conditions = [`s.xxdm = k.xxdm`, ...studentConditions(filter, p)];
      if (page.after !== undefined) conditions.push(`s.xh > ${p.add(page.after)}`);
      return run(
        `SELECT page.* FROM unnest(${schoolList}::text[]) AS k(xxdm) CROSS JOIN LATERAL (` +
        `SELECT ${STUDENT_SELECT} FROM ${TABLES.students} s${where(conditions)} ORDER BY s.xh LIMIT ${p.add(page.first + 1)}` +
        `) AS page ORDER BY page.xxdm, page.xh`,
        p.values, readStudent,
      );
    },
    countStudentsBySchools: (codes, filter) => {
      const p = new Params();
      const conditions = [`s.xxdm = ANY(${p.add([...codes])}::text[])`, ...studentConditions(filter, p)];
      return keyCounts(`SELECT s.xxdm AS key, count(*)::int AS n FROM ${TABLES.students} s${where(conditions)} GROUP BY s.xxdm`, p.values);
    },
    guardiansByStudents: (ids) =>
      run(`SELECT ${GUARDIAN_SELECT} FROM ${TABLES.guardians} g WHERE g.xh = ANY($1::text[]) ORDER BY g.xh, g.cyxh`, [[...ids]], readGuardian),
    existingStudentIds: async (ids) =>
      new Set(await run(`SELECT s.xh FROM ${TABLES.students} s WHERE s.xh = ANY($1::text[])`, [[...ids]], (r) => String(r.xh))),
    enrollmentsByIdNumber: (idNumber, scope) => {
      const p = new Params();
      const conditions = [`s.sfzjh = ${p.add(idNumber)}`, ...(scope ? [scopeCondition(scope, p)] : [])];
      return run(
        `SELECT s.xm, s.xsdqztm, s.nj, x.xxbxlxm FROM ${TABLES.students} s JOIN ${TABLES.schools} x ON x.xxdm = s.xxdm${where(conditions)}`,
        p.values,
        (r) => ({ name: String(r.xm), status: String(r.xsdqztm), grade: String(r.nj), runningType: String(r.xxbxlxm) }),
      );
    },
    aggregate: (statement) =>
      run(statement.sql, statement.params, (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'n' ? Number(v) : String(v)]))),
    close: () => pool.end(),
  };
}

/** Collects positional parameters; only placeholders ever enter the SQL text. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function where(conditions: ReadonlyArray<string>): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

function anyOf(column: string, values: ReadonlyArray<string>, p: Params): string {
  return `${column} = ANY(${p.add([...values])}::text[])`;
}

function studentConditions(filter: StudentSqlFilter, p: Params): string[] {
  const conditions: string[] = [];
  if (filter.ids) conditions.push(anyOf('s.xh', filter.ids, p));
  if (filter.schools) conditions.push(anyOf('s.xxdm', filter.schools, p));
  if (filter.classes) conditions.push(anyOf('s.bjdm', filter.classes, p));
  if (filter.grades) conditions.push(anyOf('s.nj', filter.grades, p));
  if (filter.statuses) conditions.push(anyOf('s.xsdqztm', filter.statuses, p));
  if (filter.genders) conditions.push(anyOf('s.xbm', filter.genders, p));
  // District and running type belong to the school: one subquery on xxjbxx carries both.
  const ofSchool: string[] = [];
  if (filter.districts) ofSchool.push(anyOf('x.xzqhm', filter.districts, p));
  if (filter.runningTypes) ofSchool.push(anyOf('x.xxbxlxm', filter.runningTypes, p));
  if (filter.scope) ofSchool.push(scopeCondition(filter.scope, p));
  if (ofSchool.length > 0) conditions.push(`s.xxdm IN (SELECT x.xxdm FROM ${TABLES.schools} x WHERE ${ofSchool.join(' AND ')})`);
  return conditions;
}

/** The row scope on the school table (alias x): one parenthesised condition. */
function scopeCondition(scope: SqlRowScope, p: Params): string {
  if (scope.districts.length === 0) return anyOf('x.xxdm', scope.schools, p);
  return `(${anyOf('x.xzqhm', scope.districts, p)} OR ${anyOf('x.xxdm', scope.schools, p)})`;
}

function schoolConditions(filter: SchoolSqlFilter, p: Params): string[] {
  const conditions: string[] = [];
  if (filter.codes) conditions.push(anyOf('x.xxdm', filter.codes, p));
  if (filter.districts) conditions.push(anyOf('x.xzqhm', filter.districts, p));
  if (filter.runningTypes) conditions.push(anyOf('x.xxbxlxm', filter.runningTypes, p));
  if (filter.ownerships) conditions.push(anyOf('x.xxbbm', filter.ownerships, p));
  if (filter.scope) conditions.push(scopeCondition(filter.scope, p));
  return conditions;
}

/** SQLSTATE classes 42 (syntax, unknown column) and 22 (bad data) are defects here, not an outage. */
function isOurMistake(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(42|22)/.test(code);
}

function selectList(alias: string, columns: ReadonlyArray<PropertyKey>): string {
  return columns.map((c) => `${alias}.${String(c).toLowerCase()}`).join(', ');
}

const SCHOOL_SELECT = selectList('x', SCHOOL_COLUMNS);
const CLASS_SELECT = selectList('c', CLASS_COLUMNS);
const STUDENT_SELECT = selectList('s', STUDENT_COLUMNS);
const GUARDIAN_SELECT = selectList('g', GUARDIAN_COLUMNS);

/** Validates a raw row at the boundary: every legacy column present as text (schema.sql). */
function rowReader<Row>(table: string, columns: ReadonlyArray<keyof Row>, key: (raw: Record<string, unknown>) => string) {
  // The names are lower-cased once here, not per column of every row read.
  const names = columns.map((column) => ({ field: String(column), stored: String(column).toLowerCase() }));
  return (raw: Record<string, unknown>): Row => {
    const row: Record<string, string> = {};
    for (const { field, stored } of names) {
      const value = raw[stored];
      if (typeof value !== 'string') throw new InvalidLegacyRow(table, key(raw), field);
      row[field] = value;
    }
    return row as Row;
  };
}

const readSchool = rowReader<SchoolRow>(TABLES.schools, SCHOOL_COLUMNS, (r) => String(r.xxdm));
const readClass = rowReader<ClassRow>(TABLES.classes, CLASS_COLUMNS, (r) => String(r.bjdm));
const readStudent = rowReader<StudentRow>(TABLES.students, STUDENT_COLUMNS, (r) => String(r.xh));
const readGuardian = rowReader<GuardianRow>(TABLES.guardians, GUARDIAN_COLUMNS, (r) => `${String(r.xh)}/${String(r.cyxh)}`);
