import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { syntheticStudentSource } from '../../../test/support/synthetic-student-source';
import { acquireDirLock, DirLockedError } from '../../../platform/dir-lock';
import { loadStudentDb } from '../load-student-db';
import { openStudentDb } from '../open-student-db';

describe('the PGlite data-folder lock', () => {
  let parent: string;
  let dataDir: string;

  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'edupool-lock-'));
    dataDir = path.join(parent, 'student-db');
    await loadStudentDb(syntheticStudentSource(10), { kind: 'pglite', dataDir });
  });

  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('refuses a second opener while the first holds the folder, and frees it on close', async () => {
    const first = await openStudentDb({ kind: 'pglite', dataDir });
    try {
      await expect(openStudentDb({ kind: 'pglite', dataDir })).rejects.toThrow(DirLockedError);
      await expect(openStudentDb({ kind: 'pglite', dataDir })).rejects.toThrow(`in use by process ${process.pid}`);
      await expect(loadStudentDb(syntheticStudentSource(1), { kind: 'pglite', dataDir })).rejects.toThrow(DirLockedError);
    } finally {
      await first.close();
    }
    const second = await openStudentDb({ kind: 'pglite', dataDir });
    await second.close();
  });

  it('takes over a lock left by a process that has exited', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(`${dataDir}.lock`, `${dead}\n`);
    const lock = await acquireDirLock(dataDir);
    expect((await readFile(lock.file, 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
  });

  it('says to generate data when the folder does not exist', async () => {
    await expect(openStudentDb({ kind: 'pglite', dataDir: path.join(parent, 'missing') })).rejects.toThrow('npm run legacy:generate');
  });
});
