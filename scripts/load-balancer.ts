import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeGracefully } from '../platform/close-gracefully';
import type { Logger } from '../platform/logger';

/**
 * The small round-robin HTTP load balancer of `npm run start:cluster`, in
 * front of the gateways. Each target's `/health` is checked every
 * `healthIntervalMs`; requests go only to healthy targets, in turn. A target
 * that refuses the connection is marked down at once and the request goes to
 * the next one (nothing was sent, so even a mutation is safe to resend); any
 * other failure is a 502, as a request may have reached the gateway.
 * Not for production: a real deployment puts its own balancer there.
 */
const MAX_BODY_BYTES = 2_000_000;

export interface LoadBalancer {
  readonly url: string;
  /** Targets (origins) healthy at the last check. */
  healthy(): string[];
  close(): Promise<void>;
}

export async function startLoadBalancer(options: {
  targets: ReadonlyArray<string>; host: string; port: number; logger: Logger; healthIntervalMs?: number;
}): Promise<LoadBalancer> {
  const up = new Map(options.targets.map((target) => [target, true]));
  let next = 0;
  const pick = (exclude: ReadonlySet<string>): string | undefined => {
    for (let i = 0; i < options.targets.length; i += 1) {
      const target = options.targets[(next + i) % options.targets.length]!;
      if (up.get(target) && !exclude.has(target)) {
        next = (next + i + 1) % options.targets.length;
        return target;
      }
    }
    return undefined;
  };
  const check = () => Promise.all(options.targets.map(async (target) => {
    const healthy = await fetch(`${target}/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (healthy !== up.get(target)) options.logger.info({ target, healthy }, 'gateway health changed');
    up.set(target, healthy);
  }));
  await check();
  const timer = setInterval(() => void check(), options.healthIntervalMs ?? 1_000);
  timer.unref();

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer, tried: Set<string>) => {
    const target = pick(tried);
    if (!target) {
      outgoing.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"No gateway is available. Retry later."}]}');
      return;
    }
    tried.add(target);
    // The gateways count anonymous clients by address: pass on the one this balancer saw (TRUSTED_PROXY_HOPS=1 there).
    const seen = incoming.headers['x-forwarded-for'];
    const forwardedFor = [...(seen ? [String(seen)] : []), incoming.socket.remoteAddress ?? 'unknown'].join(', ');
    const headers = { ...incoming.headers, 'x-forwarded-for': forwardedFor };
    const upstream = httpRequest(`${target}${incoming.url ?? '/'}`, { method: incoming.method, headers }, (reply) => {
      outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(outgoing);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && !outgoing.headersSent) {
        up.set(target, false);
        forward(incoming, outgoing, body, tried);
        return;
      }
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json' });
      outgoing.end('{"errors":[{"message":"The gateway failed to answer."}]}');
    });
    upstream.end(body);
  };
  const server: Server = createServer((incoming, outgoing) => {
    // Buffered so that a refused connection can be retried on the next gateway; bounded like the gateway's own limit.
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    incoming.on('end', () => {
      if (size > MAX_BODY_BYTES) outgoing.writeHead(413, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Request body too large."}]}');
      else forward(incoming, outgoing, Buffer.concat(chunks), new Set());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    healthy: () => options.targets.filter((target) => up.get(target)),
    close: async () => {
      clearInterval(timer);
      await closeGracefully(server);
    },
  };
}
