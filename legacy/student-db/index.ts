/** The student-status DB stand-in: its schema, loaders and the server the pool connects to. */
export { loadStudentDb, type StudentDbTarget } from './load-student-db';
export { openStudentDb, DEFAULT_PGLITE_MAX_CONNECTIONS, type OpenStudentDb, type StudentDbConfig } from './open-student-db';
export { DirLockedError } from '../../platform/dir-lock';
export { TABLES } from './columns';
export type { LoadProgress, LoadSummary, StudentDbSource } from './source';
