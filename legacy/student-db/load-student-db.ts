import { PGlite } from '@electric-sql/pglite';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { acquireDirLock } from '../../platform/dir-lock';
import { loadPglite } from './load-pglite';
import { loadPostgres } from './load-postgres';
import type { LoadProgress, LoadSummary, StudentDbSource } from './source';

export type StudentDbTarget = { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };

/**
 * Replaces the student-status tables of the target with the dataset's rows.
 * A PGlite folder is rebuilt from scratch (under the folder lock, so a running
 * server is never written under); PostgreSQL gets its four tables dropped and
 * recreated, nothing else in that database is touched.
 */
export async function loadStudentDb(source: StudentDbSource, target: StudentDbTarget, onProgress?: LoadProgress): Promise<LoadSummary> {
  if (target.kind === 'postgres') return loadPostgres(source, target.url, onProgress);

  await fs.mkdir(path.dirname(target.dataDir), { recursive: true });
  const lock = await acquireDirLock(target.dataDir);
  try {
    await fs.rm(target.dataDir, { recursive: true, force: true });
    const db = await PGlite.create(target.dataDir);
    try {
      return await loadPglite(db, source, onProgress);
    } finally {
      await db.close();
    }
  } finally {
    await lock.release();
  }
}
