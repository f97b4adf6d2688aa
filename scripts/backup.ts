import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemClock } from '../platform/clock';
import { loadConfig } from '../platform/config';
import { loadSealSettings } from '../store/audit/seal/seal-settings';
import { backupGovernanceStore, defaultBackupFile } from '../store/backup/backup-governance';

/**
 * `npm run backup [-- --out FILE]`: backs up the governance store (README
 * "Backup and recovery"): pg_dump -Fc of DATABASE_URL, or PGlite's dump of
 * `<DATA_DIR>/governance` (stop the embedded pool first: it holds the
 * folder). Default file: `<DATA_DIR>/backups/governance-<time>.dump|.tar.gz`.
 * Prints the file, its size and the audit head sealed with it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL, base: { part: 'backup' } }, pino.destination(2));
  const location = { ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}), dataDir: config.DATA_DIR };
  const started = performance.now();
  const result = await backupGovernanceStore({
    ...location, out: values.out ?? defaultBackupFile(location, systemClock.now()), seal: await loadSealSettings(config, true),
    clock: systemClock, logger, ...(config.PG_BIN_DIR ? { pgBinDir: config.PG_BIN_DIR } : {}),
  });
  const ms = Math.round(performance.now() - started);
  const sealed = result.sealedSeq === null ? 'no audit head sealed' : `audit head #${result.sealedSeq} sealed`;
  process.stdout.write(`backed up the governance store to ${result.file} (${result.bytes} bytes, ${sealed}) in ${ms} ms\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
