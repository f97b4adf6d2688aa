/** The teacher HR system stand-in (DESIGN.md "The legacy systems"). */
export { startTeacherApi, type RunningTeacherApi, type TeacherApiStats } from './server';
export { MAX_BATCH_IDS, MAX_PAGE_SIZE, type TeacherApiOptions } from './options';
export { writeTeacherFile } from './write-teacher-file';
