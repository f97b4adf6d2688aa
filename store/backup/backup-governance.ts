import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { createAuditSealer, SealRefusedError } from '../audit/seal/seal-chain';
import type { SealSettings } from '../audit/seal/seal-settings';
import { openGovernanceStore } from '../open-store';
import { pgBinary, runPgBinary } from './pg-binaries';
import { dumpPgliteFolder } from './pglite-dump';

/**
 * A backup of the governance store (the Measures' chapter 7): on PostgreSQL
 * `pg_dump -Fc` of DATABASE_URL, on the embedded default PGlite's own dump
 * of `<DATA_DIR>/governance`. The audit chain's head is sealed just before
 * (reason 'backup'), so the seal record says how far the backup reaches.
 */
export interface GovernanceLocation {
  /** DATABASE_URL; unset = the PGlite folder `<dataDir>/governance`. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
}

export interface BackupOptions extends GovernanceLocation {
  /** The file to write; it must not exist. */
  readonly out: string;
  readonly seal: SealSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly pgBinDir?: string;
}

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  /** The head sealed for the backup; null for an empty trail. */
  readonly sealedSeq: string | null;
}

export const governanceFolder = (dataDir: string): string => path.join(dataDir, 'governance');

export function defaultBackupFile(location: GovernanceLocation, at: Date): string {
  const stamp = at.toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z');
  return path.join(location.dataDir, 'backups', `governance-${stamp}.${location.databaseUrl ? 'dump' : 'tar.gz'}`);
}

export async function backupGovernanceStore(options: BackupOptions): Promise<BackupResult> {
  await mkdir(path.dirname(options.out), { recursive: true });
  if (await stat(options.out).catch(() => undefined)) throw new Error(`${options.out} exists: choose a new file for the backup`);
  const store = await openGovernanceStore({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), dataDir: options.dataDir, clock: options.clock, logger: options.logger,
  });
  let sealedSeq: string | null;
  try {
    const sealer = createAuditSealer({
      pool: store.pool, log: options.seal.log, keys: options.seal.keys, clock: options.clock,
      ...(options.seal.timestamp ? { timestamp: options.seal.timestamp } : {}),
    });
    sealedSeq = (await sealer.seal('backup'))?.seq ?? null;
  } catch (error) {
    // The backup is still worth taking; the seal record keeps showing what does not match.
    if (!(error instanceof SealRefusedError)) throw error;
    options.logger.warn({ reason: error.message }, 'backing up a trail that does not match its last seal');
    sealedSeq = null;
  } finally {
    await store.close();
  }
  if (options.databaseUrl) {
    await runPgBinary(pgBinary('pg_dump', options.pgBinDir), ['--format=custom', '--file', options.out, '--dbname', options.databaseUrl]);
  } else {
    await dumpPgliteFolder(governanceFolder(options.dataDir), options.out);
  }
  return { file: options.out, bytes: (await stat(options.out)).size, sealedSeq };
}
