import * as path from 'node:path';

/**
 * Where the legacy stand-ins keep their data inside the data folder (default
 * `./data`). Everything generated lives under `<root>/legacy/` so the
 * governance store can share the same root without collisions.
 */
export interface LegacyDataPaths {
  readonly root: string;
  readonly legacyDir: string;
  /** PGlite data folder of the student-status DB (embedded default only). */
  readonly studentDbDir: string;
  /** Teacher HR records, one JSON object a line, read by the teacher API stand-in. */
  readonly teacherFile: string;
  /** The facility export folder: one GBK CSV per district. */
  readonly facilityDir: string;
  readonly manifestFile: string;
  /** The export of one district, named by its GB/T 2260 code (`校舍_440106.csv`). */
  facilityFile(districtCode: string): string;
}

export const DEFAULT_DATA_DIR = './data';

export function legacyDataPaths(root: string = DEFAULT_DATA_DIR): LegacyDataPaths {
  const absoluteRoot = path.resolve(root);
  const legacyDir = path.join(absoluteRoot, 'legacy');
  const facilityDir = path.join(legacyDir, 'facility');
  return {
    root: absoluteRoot,
    legacyDir,
    studentDbDir: path.join(legacyDir, 'student-db'),
    teacherFile: path.join(legacyDir, 'teacher', 'teachers.ndjson'),
    facilityDir,
    manifestFile: path.join(legacyDir, 'manifest.json'),
    facilityFile: (districtCode) => path.join(facilityDir, `校舍_${districtCode}.csv`),
  };
}
