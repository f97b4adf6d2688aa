import { promises as fs } from 'node:fs';

/**
 * An exclusive lock on a PGlite data folder. PGlite takes no lock of its own,
 * and two processes writing one folder corrupt it, so every opener (server
 * and loader, of the student DB and the governance store alike) holds
 * `<folder>.lock` containing its pid. A lock whose process is gone is stale
 * and taken over; a live holder, this process included, is refused with a
 * message naming it.
 */
export interface DirLock {
  readonly file: string;
  release(): Promise<void>;
}

export class DirLockedError extends Error {
  constructor(readonly dir: string, readonly holderPid: number) {
    super(`${dir} is in use by process ${holderPid}; stop that process (or wait for it) before opening it again`);
    this.name = 'DirLockedError';
  }
}

export async function acquireDirLock(dir: string): Promise<DirLock> {
  const file = `${dir}.lock`;
  // Two rounds: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return { file, release: () => releaseIfOurs(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(file);
    if (holder !== undefined && isAlive(holder)) throw new DirLockedError(dir, holder);
    await fs.rm(file, { force: true });
  }
  throw new Error(`could not lock ${dir}: another process keeps taking ${file}`);
}

async function readHolder(file: string): Promise<number | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still counts as a holder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function releaseIfOurs(file: string): Promise<void> {
  if ((await readHolder(file)) === process.pid) await fs.rm(file, { force: true });
}
