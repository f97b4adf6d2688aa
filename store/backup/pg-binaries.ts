import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Where pg_dump and pg_restore are: PG_BIN_DIR, else the newest of Debian's
 * /usr/lib/postgresql/<major>/bin (a pg_dump must be at least as new as the
 * server), else the PATH.
 */
export function pgBinary(name: 'pg_dump' | 'pg_restore', binDir?: string): string {
  if (binDir) return path.join(binDir, name);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const newest = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
      .map((v) => path.join(debian, v, 'bin', name)).find((file) => existsSync(file));
    if (newest) return newest;
  }
  return name;
}

/** Runs a PostgreSQL client binary; a failure carries its stderr, which says what went wrong. */
export async function runPgBinary(file: string, args: ReadonlyArray<string>): Promise<void> {
  try {
    await run(file, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${path.basename(file)} failed: ${stderr || (error as Error).message}`, { cause: error });
  }
}
