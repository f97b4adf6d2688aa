import { existsSync } from 'node:fs';
import { servePglite } from '../../platform/pglite-server';

/**
 * Where the student-status DB lives: an existing PostgreSQL (production,
 * `LEGACY_STUDENT_DB_URL`) or a PGlite data folder (the embedded default).
 */
export type StudentDbConfig =
  | { readonly kind: 'postgres'; readonly url: string }
  | {
      readonly kind: 'pglite';
      readonly dataDir: string;
      readonly host?: string;
      /** 0 (the default) lets the OS pick a free port. */
      readonly port?: number;
      /** Connections the socket server accepts at once; a `pg.Pool` must use `max` ≤ this. */
      readonly maxConnections?: number;
    };

export interface OpenStudentDb {
  /** A postgres:// URL for `pg`, the same client on both paths. */
  readonly url: string;
  close(): Promise<void>;
}

export { DEFAULT_PGLITE_MAX_CONNECTIONS } from '../../platform/pglite-server';

/** The embedded folder is served by platform/pglite-server (locked while served); PostgreSQL is used as it is. */
export async function openStudentDb(config: StudentDbConfig): Promise<OpenStudentDb> {
  if (config.kind === 'postgres') return { url: config.url, close: async () => undefined };
  // PGlite would create an empty database here; the student DB must have been generated.
  if (!existsSync(config.dataDir)) {
    throw new Error(`no student DB at ${config.dataDir}; run npm run legacy:generate first`);
  }
  return servePglite(config);
}
