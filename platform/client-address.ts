import type { IncomingMessage } from 'node:http';

/**
 * The client's address as the pool should count it. Behind `trustedHops`
 * proxies of our own (the cluster's load balancer is one), the socket's peer
 * is the last proxy and each proxy appended the address it saw to
 * `X-Forwarded-For`; the client is the entry that many hops from the right.
 * Entries further left were written by the client itself and are not
 * trusted, so a client cannot pick its own rate-limit key by sending the
 * header. With no trusted proxy the header is ignored.
 */
export function clientAddress(request: IncomingMessage, trustedHops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!;
}
