import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireDirLock } from '../../platform/dir-lock';

/**
 * The embedded store's own dump: PGlite's `dumpDataDir` (a gzip tarball of
 * the data folder) and `loadDataDir` to bring it back. The folder is locked
 * throughout, so a running pool (which holds the lock) is never copied
 * half-written; stop it first.
 */
export async function dumpPgliteFolder(folder: string, out: string): Promise<void> {
  const lock = await acquireDirLock(folder);
  try {
    const db = await PGlite.create(folder);
    try {
      const dump = await db.dumpDataDir('gzip');
      await writeFile(out, Buffer.from(await dump.arrayBuffer()), { flag: 'wx' });
    } finally {
      await db.close();
    }
  } finally {
    await lock.release();
  }
}

/** Loads a dump into a folder that must not hold a database yet. */
export async function loadPgliteFolder(file: string, folder: string): Promise<void> {
  const existing = await stat(folder).catch(() => undefined);
  if (existing) throw new Error(`${folder} already exists: restore into a fresh location (move the old folder aside first)`);
  await mkdir(path.dirname(folder), { recursive: true });
  const lock = await acquireDirLock(folder);
  try {
    const db = await PGlite.create(folder, { loadDataDir: new Blob([await readFile(file)]) });
    await db.close();
  } finally {
    await lock.release();
  }
}
