import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { acquireDirLock } from './dir-lock';

/**
 * Serves a PGlite data folder over the PostgreSQL wire protocol, so the
 * embedded default and production PostgreSQL share one client (`pg`) and one
 * SQL code path (DESIGN.md "Stores"). The folder is locked for as long as it is
 * served (PGlite takes no lock of its own).
 *
 * pglite-socket (0.2) multiplexes several connections onto the one PGlite
 * backend: each wire message waits in a single queue, and while a client holds
 * an explicit transaction only its messages run. A connection beyond
 * `maxConnections` is told "Too many connections" and closed, so size a pool
 * below the limit. Extended-protocol batches (Parse … Sync) stay together
 * because `pg` writes a query's messages in one corked write and the queue
 * drains them before reading the next socket; legacy/student-db's tests run
 * concurrent parameterised queries through a pool to keep that true.
 */
export const DEFAULT_PGLITE_MAX_CONNECTIONS = 16;

export interface PgliteServerOptions {
  /** The data folder; PGlite creates it when it does not exist, so check first where that is wrong. */
  readonly dataDir: string;
  readonly host?: string;
  /** 0 (the default) lets the OS pick a free port. */
  readonly port?: number;
  /** Connections the socket server accepts at once; a `pg.Pool` must use `max` ≤ this. */
  readonly maxConnections?: number;
}

export interface ServedPglite {
  /** A postgres:// URL for `pg`. */
  readonly url: string;
  /** Stops serving, closes the database and releases the folder lock. */
  close(): Promise<void>;
}

export async function servePglite(options: PgliteServerOptions): Promise<ServedPglite> {
  const lock = await acquireDirLock(options.dataDir);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(options.dataDir);
    const host = options.host ?? '127.0.0.1';
    const server = new PGLiteSocketServer({
      db,
      host,
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? DEFAULT_PGLITE_MAX_CONNECTIONS,
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
