import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync } from 'node:fs';
import { acquireDirLock } from './dir-lock';

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

/**
 * pglite-socket (0.2) multiplexes several connections onto the one PGlite
 * backend: each wire message waits in a single queue, and while a client holds
 * an explicit transaction only its messages run. A connection beyond
 * `maxConnections` is told "Too many connections" and closed, so size a pool
 * below the limit. Extended-protocol batches (Parse … Sync) stay together
 * because `pg` writes a query's messages in one corked write and the queue
 * drains them before reading the next socket; the test in __tests__ runs
 * concurrent parameterised queries through a pool to keep that true.
 */
export const DEFAULT_PGLITE_MAX_CONNECTIONS = 16;

export async function openStudentDb(config: StudentDbConfig): Promise<OpenStudentDb> {
  if (config.kind === 'postgres') return { url: config.url, close: async () => undefined };

  if (!existsSync(config.dataDir)) {
    throw new Error(`no student DB at ${config.dataDir}; run npm run legacy:generate first`);
  }
  const lock = await acquireDirLock(config.dataDir);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(config.dataDir);
    const host = config.host ?? '127.0.0.1';
    const server = new PGLiteSocketServer({
      db,
      host,
      port: config.port ?? 0,
      maxConnections: config.maxConnections ?? DEFAULT_PGLITE_MAX_CONNECTIONS,
    });
    await server.start();
    const port = server.getServerConn().split(':').pop();
    // PGlite has one database and ignores user and password; name them for clarity in logs.
    const url = `postgres://postgres@${host}:${port}/postgres?sslmode=disable`;
    const opened = db;
    return {
      url,
      close: async () => {
        await server.stop();
        await opened.close();
        await lock.release();
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
}
