import { mkdir, open } from 'node:fs/promises';
import * as path from 'node:path';
import type { SealLine } from './seal-record';

/**
 * The seal record outside the governance database: one JSON line per seal in
 * `<dir>/audit-seals.jsonl`, only ever opened for appending (O_APPEND), so a
 * line is added in one write and nothing before it is rewritten. Put the
 * folder where the database's operators cannot write (another host's mount,
 * `chattr +a`, an object store with retention); the pool needs only append.
 */
export const SEAL_FILE = 'audit-seals.jsonl';

/** Seal lines stay well under this (a TSA token is a few kB); the tail read covers the last one. */
const TAIL_BYTES = 64 * 1024;

export class SealRecordDamagedError extends Error {}

export interface SealLog {
  readonly file: string;
  append(line: SealLine): Promise<void>;
  /** The newest seal, or null when nothing has been sealed; throws if the last line is not a seal. */
  last(): Promise<SealLine | null>;
}

export function sealLog(dir: string): SealLog {
  const file = path.join(dir, SEAL_FILE);
  return {
    file,
    async append(line) {
      await mkdir(dir, { recursive: true });
      const handle = await open(file, 'a', 0o640);
      try {
        await handle.write(`${JSON.stringify(line)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    async last() {
      let handle;
      try {
        handle = await open(file, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        const length = Math.min(size, TAIL_BYTES);
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, size - length);
        const lines = buffer.subarray(0, bytesRead).toString('utf8').split('\n').filter((l) => l.trim() !== '');
        const lastLine = lines.at(-1);
        if (lastLine === undefined) return null;
        try {
          return JSON.parse(lastLine) as SealLine;
        } catch {
          throw new SealRecordDamagedError(`the last line of ${file} is not a seal: the record was damaged`);
        }
      } finally {
        await handle.close();
      }
    },
  };
}
