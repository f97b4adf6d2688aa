import DataLoader from 'dataloader';
import type { KeysetPage, SqlRowScope, StudentDb, StudentSqlFilter } from './adapter';
import { toClass, toGuardian, toSchool, toStudent, type Class, type Guardian, type School, type Student } from './mapper';

/**
 * DataLoaders made per request (DESIGN.md "Batching"): every relation of a
 * list is one statement for the whole list, so N students with their schools,
 * classes, class sizes and guardians cost a constant number of SQL statements.
 * A loader's cache lives as long as its request, so no personal data outlives it.
 * Loaders that answer a coordinate with a row scope carry it in their
 * statement, so records outside it are never read.
 */
export interface StudentLoaders {
  readonly schoolByCode: DataLoader<string, School | null>;
  readonly classById: DataLoader<string, Class | null>;
  readonly classesBySchool: DataLoader<string, Class[]>;
  readonly classSize: DataLoader<string, number>;
  /** Unscoped: for entities and relations, whose fields the shield rules check record by record. */
  readonly studentById: DataLoader<string, Student | null>;
  /** Query.student: only students in its row scope are read. */
  readonly studentInScope: DataLoader<string, Student | null>;
  /** Whether each id exists, for an id the scoped look-up did not find. */
  readonly studentExists: DataLoader<string, boolean>;
  readonly studentsByClass: DataLoader<string, Student[]>;
  readonly guardiansByStudent: DataLoader<string, Guardian[]>;
  /** School.students pages: keys with the same filter and page share one statement. */
  readonly schoolStudents: DataLoader<SchoolStudentsKey, Student[], string>;
  readonly schoolStudentCount: DataLoader<SchoolStudentsKey, number, string>;
}

export interface SchoolStudentsKey {
  readonly schoolCode: string;
  readonly filter: StudentSqlFilter;
  readonly page: KeysetPage;
}

/** The row scopes of the coordinates loaders answer; undefined = every record. */
export interface StudentLoaderScopes {
  readonly student?: SqlRowScope;
  readonly classStudents?: SqlRowScope;
}

export function createStudentLoaders(db: StudentDb, scopes: StudentLoaderScopes): StudentLoaders {
  const studentById = new DataLoader<string, Student | null>(async (ids) => {
    const found = byKey((await db.students({ ids })).map(toStudent), (s) => s.id);
    return ids.map((id) => found.get(id) ?? null);
  });
  const classById = new DataLoader<string, Class | null>(async (ids) => {
    const found = byKey((await db.classesByIds(ids)).map(toClass), (c) => c.id);
    return ids.map((id) => found.get(id) ?? null);
  });
  const primeStudents = (students: ReadonlyArray<Student>) => students.forEach((s) => studentById.prime(s.id, s));
  const scoped = (scope: SqlRowScope | undefined) => (scope ? { scope } : {});

  return {
    schoolByCode: new DataLoader(async (codes) => {
      const found = byKey((await db.schools({ codes })).map(toSchool), (s) => s.code);
      return codes.map((code) => found.get(code) ?? null);
    }),
    classById,
    classesBySchool: new DataLoader(async (codes) => {
      const classes = (await db.classesBySchools(codes)).map(toClass);
      classes.forEach((c) => classById.prime(c.id, c));
      return groupBy(codes, classes, (c) => c.schoolCode);
    }),
    classSize: new DataLoader(async (ids) => {
      const sizes = await db.classSizes(ids);
      return ids.map((id) => sizes.get(id) ?? 0);
    }),
    studentById,
    studentInScope: new DataLoader(async (ids) => {
      const found = byKey((await db.students({ ids, ...scoped(scopes.student) })).map(toStudent), (s) => s.id);
      primeStudents([...found.values()]);
      return ids.map((id) => found.get(id) ?? null);
    }),
    studentExists: new DataLoader(async (ids) => {
      const existing = await db.existingStudentIds(ids);
      return ids.map((id) => existing.has(id));
    }),
    studentsByClass: new DataLoader(async (ids) => {
      const students = (await db.students({ classes: ids, ...scoped(scopes.classStudents) })).map(toStudent);
      primeStudents(students);
      return groupBy(ids, students, (s) => s.classId ?? '');
    }),
    guardiansByStudent: new DataLoader(async (ids) => {
      const rows = await db.guardiansByStudents(ids);
      const guardians = rows.map((row) => ({ studentId: row.XH, guardian: toGuardian(row) }));
      return groupBy(ids, guardians, (g) => g.studentId).map((list) => list.map((g) => g.guardian));
    }),
    schoolStudents: new DataLoader(
      (keys) => inGroups(keys, async (codes, filter, page) => {
        const students = (await db.studentPagesBySchools(codes, filter, page)).map(toStudent);
        primeStudents(students);
        return groupBy(codes, students, (s) => s.schoolCode);
      }),
      { cacheKeyFn: keyOf },
    ),
    schoolStudentCount: new DataLoader(
      (keys) => inGroups(keys, async (codes, filter) => {
        const counts = await db.countStudentsBySchools(codes, filter);
        return codes.map((code) => counts.get(code) ?? 0);
      }),
      { cacheKeyFn: (key) => keyOf({ ...key, page: { first: 0 } }) },
    ),
  };
}

function keyOf(key: SchoolStudentsKey): string {
  return JSON.stringify([key.schoolCode, key.filter, key.page.first, key.page.after ?? null]);
}

/**
 * Splits a batch of School.students keys by (filter, page) — in practice one
 * group, since one field of one query has the same arguments for every
 * school — and runs one statement per group.
 */
async function inGroups<T>(
  keys: ReadonlyArray<SchoolStudentsKey>,
  load: (codes: string[], filter: StudentSqlFilter, page: KeysetPage) => Promise<T[]>,
): Promise<T[]> {
  const groups = new Map<string, { filter: StudentSqlFilter; page: KeysetPage; indexes: number[] }>();
  keys.forEach((key, index) => {
    const id = JSON.stringify([key.filter, key.page.first, key.page.after ?? null]);
    const group = groups.get(id) ?? { filter: key.filter, page: key.page, indexes: [] };
    group.indexes.push(index);
    groups.set(id, group);
  });
  const results = new Array<T>(keys.length);
  await Promise.all([...groups.values()].map(async (group) => {
    const codes = group.indexes.map((i) => keys[i]!.schoolCode);
    const values = await load(codes, group.filter, group.page);
    group.indexes.forEach((keyIndex, i) => { results[keyIndex] = values[i]!; });
  }));
  return results;
}

function byKey<T>(items: ReadonlyArray<T>, key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

/** The items of each key, in the order the database returned them. */
function groupBy<T>(keys: ReadonlyArray<string>, items: ReadonlyArray<T>, key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const item of items) groups.get(key(item))?.push(item);
  return keys.map((k) => groups.get(k) ?? []);
}
