import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { withPool } from './with-pool';
import { checkAgainstSeal, describeSealCheck, type SealCheck } from '../audit/seal/check-seal';
import { createAuditSealer } from '../audit/seal/seal-chain';
import type { SealSettings } from '../audit/seal/seal-settings';
import { verifyAuditChain, type AuditChainResult } from '../audit/verify-chain';
import { openGovernanceStore } from '../open-store';
import { governanceFolder, type GovernanceLocation } from './backup-governance';
import { pgBinary, runPgBinary } from './pg-binaries';
import { loadPgliteFolder } from './pglite-dump';

export interface RestoreOptions extends GovernanceLocation {
  readonly file: string;
  readonly seal: SealSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly pgBinDir?: string;
}

export interface RestoreResult {
  readonly chain: AuditChainResult;
  /** The restored trail held against the last seal before the restore. */
  readonly before: SealCheck;
  /** The 'restore' seal written, or null when the restored trail cannot be trusted (then nothing is sealed). */
  readonly sealedSeq: string | null;
}

/**
 * Restores a backup into a fresh store: a PostgreSQL database with no tables
 * (pg_restore in one transaction, stopping at the first error), or a PGlite
 * folder that does not exist yet. Then the restored trail is verified and
 * held against the last seal. Entries sealed after the backup are not in it:
 * they are lost (the RPO), and a 'restore' seal names them for good and
 * starts the record again from the restored head. A restored chain that is
 * broken, or that does not hold the sealed hash, is not sealed: the operator
 * sees why and decides.
 */
export async function restoreGovernanceStore(options: RestoreOptions): Promise<RestoreResult> {
  if (options.databaseUrl) {
    await requireEmptyDatabase(options.databaseUrl);
    await runPgBinary(pgBinary('pg_restore', options.pgBinDir), [
      '--exit-on-error', '--single-transaction', '--dbname', options.databaseUrl, options.file,
    ]);
  } else {
    await loadPgliteFolder(options.file, governanceFolder(options.dataDir));
  }
  // Opening applies the migrations newer than the backup.
  const store = await openGovernanceStore({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), dataDir: options.dataDir, clock: options.clock, logger: options.logger,
  });
  try {
    const chain = await verifyAuditChain(store.pool);
    const before = await checkAgainstSeal(store.pool, options.seal.log, options.seal.keys.publicKey);
    const trusted = chain.ok && (before.kind === 'held' || before.kind === 'unsealed' || before.kind === 'tail missing');
    if (!trusted) {
      options.logger.error({ chain, seal: describeSealCheck(before) }, 'restored trail not sealed: it does not match the seal record');
      return { chain, before, sealedSeq: null };
    }
    const sealer = createAuditSealer({ pool: store.pool, log: options.seal.log, keys: options.seal.keys, clock: options.clock });
    const lost = before.kind === 'tail missing' ? { fromSeq: before.fromSeq, toSeq: before.toSeq, sealedAt: before.seal.sealedAt } : undefined;
    const line = await sealer.seal('restore', lost);
    return { chain, before, sealedSeq: line?.seq ?? null };
  } finally {
    await store.close();
  }
}

async function requireEmptyDatabase(url: string): Promise<void> {
  const tables = await withPool(url, (pool) => pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"));
  if (tables.rows[0]!.n > 0) {
    throw new Error('the target database already has tables: restore into a fresh database (createdb <name>, then --into postgres://…/<name>)');
  }
}
