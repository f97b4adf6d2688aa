import type { ClassRow, GuardianRow, SchoolRow, StudentRow } from '../../legacy/records';
import type { StudentDbSource } from '../../legacy/student-db/source';
import type { KeysetPage, StudentDb, StudentSqlFilter } from '../../subgraphs/student/adapter';

/**
 * The student DB's port answered from arrays, for the execution-cost bench
 * only: it measures what the shield and the masks add to executing a result,
 * so the database's time, the same on both sides, is taken out of the ratio.
 * Filters are not applied beyond keyset paging: both sides run one query.
 */
export function inMemoryStudentDb(source: StudentDbSource): StudentDb {
  const students: StudentRow[] = [];
  const guardians: GuardianRow[] = [];
  for (const record of source.students()) {
    students.push(record.student);
    guardians.push(...record.guardians);
  }
  students.sort((a, b) => a.XH.localeCompare(b.XH));
  const byCodes = <T>(rows: ReadonlyArray<T>, key: (row: T) => string, codes: ReadonlyArray<string> | undefined) => {
    if (!codes) return [...rows];
    const wanted = new Set(codes);
    return rows.filter((row) => wanted.has(key(row)));
  };
  const page = (filter: StudentSqlFilter, keyset: KeysetPage) => {
    const from = keyset.after ? students.findIndex((s) => s.XH > keyset.after!) : 0;
    return byCodes(students, (s) => s.XH, filter.ids).slice(from < 0 ? students.length : from, (from < 0 ? students.length : from) + keyset.first + 1);
  };
  const unsupported = (what: string) => async (): Promise<never> => {
    throw new Error(`the execution bench does not use ${what}`);
  };
  return {
    schools: async (filter) => byCodes<SchoolRow>(source.schools, (s) => s.XXDM, filter.codes),
    schoolPage: unsupported('schoolPage'),
    countSchools: async () => source.schools.length,
    classesByIds: async (ids) => byCodes<ClassRow>(source.classes, (c) => c.BJDM, ids),
    classesBySchools: async (codes) => byCodes<ClassRow>(source.classes, (c) => c.XXDM, codes),
    classSizes: async (ids) => new Map(ids.map((id) => [id, students.filter((s) => s.BJDM === id).length])),
    students: async (filter) => byCodes(students, (s) => s.XH, filter.ids),
    studentPage: async (filter, keyset) => page(filter, keyset),
    countStudents: async () => students.length,
    studentPagesBySchools: unsupported('studentPagesBySchools'),
    countStudentsBySchools: unsupported('countStudentsBySchools'),
    guardiansByStudents: async (ids) => {
      const wanted = new Set(ids);
      return guardians.filter((g) => wanted.has(g.XH));
    },
    existingStudentIds: async (ids) => new Set(ids.filter((id) => students.some((s) => s.XH === id))),
    enrollmentsByIdNumber: unsupported('enrollmentsByIdNumber'),
    aggregate: unsupported('aggregate'),
    close: async () => undefined,
  };
}
