import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemClock } from '../platform/clock';
import { loadConfig } from '../platform/config';
import { describeSealCheck } from '../store/audit/seal/check-seal';
import { loadSealSettings } from '../store/audit/seal/seal-settings';
import { restoreGovernanceStore } from '../store/backup/restore-governance';

/**
 * `npm run restore -- FILE [--into postgres://…/<fresh database>]`: restores
 * a backup of the governance store into a fresh PostgreSQL database (--into,
 * else DATABASE_URL; it must have no tables) or, without either, into
 * `<DATA_DIR>/governance` (which must not exist). Then verifies the audit
 * chain, holds it against the seal record, and seals the restored head,
 * naming any entries sealed after the backup, which are lost. Exit 1 when
 * the restored trail cannot be trusted.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { into: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('Usage: npm run restore -- <backup file> [--into postgres://…/<fresh database>]\n');
    return 2;
  }
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL, base: { part: 'restore' } }, pino.destination(2));
  const databaseUrl = values.into ?? config.DATABASE_URL;
  const started = performance.now();
  const result = await restoreGovernanceStore({
    file, ...(databaseUrl ? { databaseUrl } : {}), dataDir: config.DATA_DIR, seal: await loadSealSettings(config, true),
    clock: systemClock, logger, ...(config.PG_BIN_DIR ? { pgBinDir: config.PG_BIN_DIR } : {}),
  });
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`restored ${file} into ${databaseUrl ? 'the PostgreSQL database' : `${config.DATA_DIR}/governance`} in ${ms} ms\n`);
  process.stdout.write(result.chain.ok
    ? `audit chain intact: ${result.chain.entries} entries\n`
    : `audit chain broken at entry #${result.chain.brokenAt.seq} (${result.chain.brokenAt.id}): ${result.chain.brokenAt.reason}\n`);
  if (result.before.kind === 'tail missing') {
    process.stdout.write(`lost since the backup: ${describeSealCheck(result.before)}\n`);
  } else {
    process.stdout.write(`audit seal before the restore: ${describeSealCheck(result.before)}\n`);
  }
  if (result.sealedSeq === null) {
    process.stdout.write('the restored trail was not sealed: it does not match the seal record (see above)\n');
    return 1;
  }
  process.stdout.write(`restored audit head #${result.sealedSeq} sealed; the chain continues from it\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
