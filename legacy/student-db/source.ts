import type { ClassRow, GuardianRow, SchoolRow, StudentRow } from '../records';

/**
 * What the student-DB loaders need from a generated dataset: the part of the
 * generator's `LegacyDataset` that lands in this database. Kept structural so
 * tests can hand in small datasets of their own.
 */
export interface StudentDbSource {
  readonly schools: ReadonlyArray<SchoolRow>;
  readonly classes: ReadonlyArray<ClassRow>;
  readonly expectedStudentCount: number;
  /** Lazy, so two million students never sit in memory at once. */
  students(): Iterable<{ student: StudentRow; guardians: GuardianRow[] }>;
}

/** Called now and then while students load (every few thousand rows, and once at the end). */
export type LoadProgress = (studentsLoaded: number, expectedStudents: number) => void;

export interface LoadSummary {
  readonly schools: number;
  readonly classes: number;
  readonly students: number;
  readonly guardians: number;
  readonly seconds: number;
}

export const PROGRESS_EVERY = 5_000;
