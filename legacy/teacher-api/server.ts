import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveOptions, type ResolvedTeacherApiOptions, type TeacherApiOptions } from './options';
import { closeGracefully } from '../../platform/close-gracefully';
import { ApiError, sendError, sendJson } from './responses';
import { route, type Endpoint } from './routes';
import { createTeacherStore, readTeacherFile, type TeacherStore } from './teacher-store';

/** Requests seen, by endpoint, plus the ones refused before reaching one. */
export interface TeacherApiStats {
  readonly requests: Record<Endpoint | 'unknown', number>;
  unauthorized: number;
  failed: number;
}

export interface RunningTeacherApi {
  readonly url: string;
  /** Live counters: read them after a call to see how many requests it cost. */
  readonly stats: TeacherApiStats;
  close(): Promise<void>;
}

/**
 * Starts the teacher HR stand-in. Every request first waits `latencyMs`, then
 * fails with 503 at `failureRate` (an overloaded system fails whoever asks),
 * then must carry the API key; only then is it routed. Records are served
 * exactly as stored: sex as 男/女, titles with their pre-2015 names.
 */
export async function startTeacherApi(options: TeacherApiOptions): Promise<RunningTeacherApi> {
  const resolved = resolveOptions(options);
  const store = createTeacherStore(await readTeacherFile(options.dataFile));
  const stats: TeacherApiStats = { requests: { list: 0, get: 0, batch: 0, search: 0, unknown: 0 }, unauthorized: 0, failed: 0 };
  const server = createServer((req, res) => {
    handle(req, res, resolved, store, stats).catch((error: unknown) => {
      sendError(res, error instanceof ApiError ? error : new ApiError(500, 'internal error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${resolved.host}:${port}`,
    stats,
    close: () => closeGracefully(server),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ResolvedTeacherApiOptions, store: TeacherStore, stats: TeacherApiStats): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const matched = route(req.method ?? 'GET', url.pathname);
  stats.requests[matched?.endpoint ?? 'unknown']++;
  if (options.latencyMs > 0) await options.sleep(options.latencyMs);
  if (options.failureRate > 0 && options.random() < options.failureRate) {
    stats.failed++;
    throw new ApiError(503, 'service temporarily unavailable, retry later');
  }
  if (req.headers['x-api-key'] !== options.apiKey) {
    stats.unauthorized++;
    throw new ApiError(401, 'missing or invalid X-Api-Key');
  }
  if (!matched) throw new ApiError(404, `no endpoint ${req.method} ${url.pathname}`);
  sendJson(res, 200, await matched.handle(req, url, store));
}
