import { existsSync } from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../platform/config';
import { systemClock } from '../platform/clock';
import { openGovernanceStore } from '../store';
import { recordAuditVerification } from '../store/audit/audit-verifications';
import { verifyAuditChain } from '../store/audit/verify-chain';

/**
 * `npm run audit:verify`: walks the audit trail of the governance store
 * (DATABASE_URL, or the PGlite folder under DATA_DIR) and recomputes its hash
 * chain. Prints `audit chain intact: N entries` and exits 0, or names the
 * first broken link and exits 1; exits 2 when the store cannot be opened.
 * Each run is recorded, and supervision shows the last one.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  // Logs go to stderr: stdout carries only the verdict.
  const logger = pino({ level: config.LOG_LEVEL, base: { part: 'audit-verify' } }, pino.destination(2));
  if (!config.DATABASE_URL && !existsSync(path.join(config.DATA_DIR, 'governance'))) {
    process.stderr.write(`No governance store in ${path.resolve(config.DATA_DIR)}: set DATA_DIR to the pool's data folder, or DATABASE_URL.\n`);
    return 2;
  }
  const store = await openGovernanceStore({
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
    dataDir: config.DATA_DIR,
    clock: systemClock,
    logger,
  });
  try {
    const result = await verifyAuditChain(store.pool);
    await recordAuditVerification(store.pool, result, systemClock.now());
    if (result.ok) {
      process.stdout.write(`audit chain intact: ${result.entries} entries\n`);
      return 0;
    }
    const { seq, id, reason } = result.brokenAt;
    process.stdout.write(`audit chain broken at entry #${seq} (${id}): ${reason}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
