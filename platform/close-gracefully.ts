import type { Server } from 'node:http';

/**
 * How long a stopping HTTP server lets requests already in flight finish
 * before it cuts their connections. Together with closing the pools after it,
 * a part ends within 10 s of SIGTERM (scripts/run-until-signalled.ts holds
 * the hard deadline).
 */
export const DRAIN_MS = 8_000;

/** How often idle keep-alive sockets are closed while draining: a socket whose request has just been answered is idle at the next sweep. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops accepting connections, lets requests in flight be answered, and
 * closes each keep-alive socket as soon as it is idle. Connections still busy
 * after `drainMs` are cut, so a slow or stuck client cannot hold the process.
 * Resolves when the server has closed.
 */
export function closeGracefully(server: Server, drainMs: number = DRAIN_MS): Promise<void> {
  if (!server.listening) {
    server.closeAllConnections();
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const cut = setTimeout(() => server.closeAllConnections(), drainMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
