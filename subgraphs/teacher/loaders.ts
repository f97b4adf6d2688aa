import DataLoader from 'dataloader';
import { API_MAX_BATCH_IDS, type TeacherHrAdapter } from './adapter';
import type { Teacher } from './mapper';

/**
 * The per-request DataLoaders (DESIGN.md "Shape": a list of N items with their
 * relations costs a constant number of legacy calls). Made in createContext,
 * so nothing is cached across requests and each unit sees only its own loads.
 */
export interface TeacherLoaders {
  /** By 工号 (GH): one batch request per 100 distinct ids; null for an unknown id. */
  readonly teacherById: DataLoader<string, Teacher | null>;
  /** By 学校标识码: one listing (pages of 200) for all the request's schools, grouped by school. */
  readonly teachersBySchool: DataLoader<string, ReadonlyArray<Teacher>>;
}

/**
 * School codes per listing: 100 codes keep the query string near 1.1 kB, far
 * below what HTTP servers and proxies accept, so a city-wide request is split
 * into a few listings instead of one over-long URL.
 */
const SCHOOLS_PER_LISTING = 100;

export function createTeacherLoaders(adapter: TeacherHrAdapter): TeacherLoaders {
  return {
    // An Error in the answer fails only that id (DataLoader's contract): a record that does not parse.
    teacherById: new DataLoader<string, Teacher | null>(async (ids) => {
      const found = await adapter.teachersByIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }, { maxBatchSize: API_MAX_BATCH_IDS }),
    teachersBySchool: new DataLoader(async (codes) => {
      const teachers = await adapter.allTeachers({ schoolCodes: codes });
      const bySchool = new Map<string, Teacher[]>(codes.map((code) => [code, []]));
      for (const teacher of teachers) bySchool.get(teacher.school.code)?.push(teacher);
      return codes.map((code) => bySchool.get(code)!);
    }, { maxBatchSize: SCHOOLS_PER_LISTING }),
  };
}
