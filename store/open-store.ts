import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Pool } from 'pg';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { createPgPool } from '../platform/pg-clients';
import { servePglite, type ServedPglite } from '../platform/pglite-server';
import { catalogVersionsRepository, type CatalogVersionsRepository } from './catalog-versions';
import { grantsRepository, type GrantsRepository } from './grants';
import { migrate } from './migrate';
import { shareApplicationsRepository, type ShareApplicationsRepository } from './share-applications';
import { unitsRepository, type UnitsRepository } from './units';

/**
 * The governance store (DESIGN.md "Stores"): PostgreSQL at `DATABASE_URL`, or
 * by default a PGlite data folder `<dataDir>/governance` served over the wire
 * protocol by platform/pglite-server, so both speak through one `pg.Pool`
 * and one set of SQL. Opening applies pending migrations.
 */
export interface GovernanceStoreOptions {
  /** DATABASE_URL; unset = the embedded PGlite. */
  readonly databaseUrl?: string;
  /** DATA_DIR: the PGlite folder is `<dataDir>/governance`. */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Connections in the pool (default 8; on PGlite it stays below the socket server's limit of 16). */
  readonly poolSize?: number;
  /** Per statement and for connecting (default 10 s). */
  readonly statementTimeoutMs?: number;
}

export interface GovernanceStore {
  /** The store's pool, shared with the audit trail (store/audit). Inside a transaction use only its client. */
  readonly pool: Pool;
  readonly units: UnitsRepository;
  readonly catalog: CatalogVersionsRepository;
  readonly applications: ShareApplicationsRepository;
  readonly grants: GrantsRepository;
  /** Ends the pool, then stops the embedded server (and frees its folder). */
  close(): Promise<void>;
}

export async function openGovernanceStore(options: GovernanceStoreOptions): Promise<GovernanceStore> {
  let served: ServedPglite | undefined;
  if (!options.databaseUrl) {
    await mkdir(options.dataDir, { recursive: true });
    served = await servePglite({ dataDir: path.join(options.dataDir, 'governance') });
  }
  const timeout = options.statementTimeoutMs ?? 10_000;
  const pool = createPgPool({
    connectionString: options.databaseUrl ?? served!.url,
    max: options.poolSize ?? 8,
    connectionTimeoutMillis: timeout,
    statement_timeout: timeout,
    query_timeout: timeout + 1_000,
  }, (error) => options.logger.warn({ err: error }, 'governance store connection lost'));
  try {
    const applied = await migrate(pool, options.clock);
    if (applied.length > 0) options.logger.info({ migrations: applied }, 'governance store migrated');
  } catch (error) {
    await pool.end();
    await served?.close();
    throw error;
  }
  return {
    pool,
    units: unitsRepository(pool, options.clock),
    catalog: catalogVersionsRepository(pool, options.clock),
    applications: shareApplicationsRepository(pool),
    grants: grantsRepository(pool, options.clock),
    close: async () => {
      await pool.end();
      await served?.close();
    },
  };
}
