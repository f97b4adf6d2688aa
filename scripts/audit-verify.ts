import { existsSync } from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../platform/config';
import { systemClock } from '../platform/clock';
import { openGovernanceStore } from '../store';
import { recordAuditVerification, sealHolds } from '../store/audit/audit-verifications';
import { checkAgainstSeal, describeSealCheck } from '../store/audit/seal/check-seal';
import { loadSealSettings } from '../store/audit/seal/seal-settings';
import { verifyAuditChain } from '../store/audit/verify-chain';

/**
 * `npm run audit:verify`: walks the audit trail of the governance store
 * (DATABASE_URL, or the PGlite folder under DATA_DIR), recomputes its hash
 * chain, then holds it against the last seal in AUDIT_SEAL_DIR (verified with
 * the audit-seal public key). Prints one line for the chain and one for the
 * seal; exits 0 when both hold, 1 naming the first broken link or the missing
 * tail, 2 when the store cannot be opened. Each run is recorded, and
 * supervision shows the last one.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  // Logs go to stderr: stdout carries only the verdict.
  const logger = pino({ level: config.LOG_LEVEL, base: { part: 'audit-verify' } }, pino.destination(2));
  if (!config.DATABASE_URL && !existsSync(path.join(config.DATA_DIR, 'governance'))) {
    process.stderr.write(`No governance store in ${path.resolve(config.DATA_DIR)}: set DATA_DIR to the pool's data folder, or DATABASE_URL.\n`);
    return 2;
  }
  const seal = await loadSealSettings(config, false);
  const store = await openGovernanceStore({
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
    dataDir: config.DATA_DIR,
    clock: systemClock,
    logger,
  });
  try {
    const chain = await verifyAuditChain(store.pool);
    const check = await checkAgainstSeal(store.pool, seal.log, seal.keys.publicKey);
    await recordAuditVerification(store.pool, chain, systemClock.now(), check);
    if (chain.ok) {
      process.stdout.write(`audit chain intact: ${chain.entries} entries\n`);
    } else {
      const { seq, id, reason } = chain.brokenAt;
      process.stdout.write(`audit chain broken at entry #${seq} (${id}): ${reason}\n`);
    }
    process.stdout.write(`audit seal: ${describeSealCheck(check)}\n`);
    return chain.ok && sealHolds(check) ? 0 : 1;
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
