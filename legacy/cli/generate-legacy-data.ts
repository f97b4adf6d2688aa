import { rm } from 'node:fs/promises';
import { generateLegacyDataset } from '../generator';
import { legacyDataPaths } from '../data-dir';
import { writeFacilityCsvs } from '../facility';
import { writeManifest, type LegacyManifest } from '../manifest';
import type { DataSize } from '../records';
import { loadStudentDb, type LoadProgress } from '../student-db';
import { writeTeacherFile } from '../teacher-api/write-teacher-file';

export interface GenerateLegacyDataOptions {
  readonly size: DataSize;
  readonly seed: number;
  readonly dataDir: string;
  /** Load the student DB into this PostgreSQL instead of PGlite in the data folder. */
  readonly studentDbUrl?: string;
  readonly onStudentProgress?: LoadProgress;
}

/**
 * Generates the three legacy systems' data into the data folder (and the
 * student DB into PostgreSQL when a URL is given). The old manifest goes
 * first and the new one is written last, so an interrupted run never leaves a
 * manifest describing data that is not all there.
 */
export async function generateLegacyData(options: GenerateLegacyDataOptions): Promise<LegacyManifest> {
  const started = Date.now();
  const paths = legacyDataPaths(options.dataDir);
  await rm(paths.manifestFile, { force: true });
  const dataset = generateLegacyDataset({ size: options.size, seed: options.seed });

  const teachers = await writeTeacherFile(paths.teacherFile, dataset.teachers);
  await rm(paths.facilityDir, { recursive: true, force: true });
  const facilityFiles = await writeFacilityCsvs(dataset.buildings, dataset.schools, paths.facilityFile);
  const target = options.studentDbUrl
    ? { kind: 'postgres' as const, url: options.studentDbUrl }
    : { kind: 'pglite' as const, dataDir: paths.studentDbDir };
  const loaded = await loadStudentDb(dataset, target, options.onStudentProgress);

  const manifest: LegacyManifest = {
    size: options.size,
    seed: options.seed,
    schoolYear: dataset.options.schoolYear,
    counts: {
      schools: loaded.schools,
      classes: loaded.classes,
      students: loaded.students,
      guardians: loaded.guardians,
      teachers,
      buildings: dataset.buildings.length,
      facilityFiles: facilityFiles.size,
    },
    elapsedSeconds: (Date.now() - started) / 1000,
    generatedAt: new Date().toISOString(),
    studentDb: target.kind,
  };
  await writeManifest(paths.manifestFile, manifest);
  return manifest;
}
