import { createServer, type Server } from 'node:http';
import { createLogger } from '../../platform/logger';
import { startLoadBalancer, type LoadBalancer } from '../load-balancer';

/** The cluster's load balancer against two stand-in gateways that answer with their name. */
interface Stub { readonly origin: string; healthy: boolean; close(): Promise<void> }

async function stub(name: string): Promise<Stub> {
  const state = { healthy: true };
  const server: Server = createServer((request, response) => {
    if (request.url === '/health') return void response.writeHead(state.healthy ? 200 : 503).end();
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ name, body, forwardedFor: request.headers['x-forwarded-for'] })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return Object.assign(state, {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}

let a: Stub;
let b: Stub;
let balancer: LoadBalancer;

beforeEach(async () => {
  a = await stub('a');
  b = await stub('b');
  balancer = await startLoadBalancer({ targets: [a.origin, b.origin], host: '127.0.0.1', port: 0, logger: createLogger('silent', 't'), healthIntervalMs: 50 });
});

afterEach(async () => {
  await balancer.close();
  await a.close().catch(() => undefined);
  await b.close().catch(() => undefined);
});

const post = async (body = '{"query":"{ __typename }"}') => {
  const response = await fetch(`${balancer.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, body: await response.json() as { name?: string; body?: string } };
};

it('sends requests to the gateways in turn, body and all', async () => {
  const names = [];
  for (let i = 0; i < 4; i += 1) names.push((await post()).body.name);
  expect(names).toEqual(['a', 'b', 'a', 'b']);
  expect((await post('{"query":"mutation { x }"}')).body.body).toBe('{"query":"mutation { x }"}');
});

it('skips a gateway whose health check fails', async () => {
  a.healthy = false;
  await waitFor(() => balancer.healthy().length === 1);
  expect([(await post()).body.name, (await post()).body.name]).toEqual(['b', 'b']);
});

it('resends to the next gateway when one refuses the connection, and answers 503 when none is left', async () => {
  await a.close();
  const names = [(await post()).body.name, (await post()).body.name];
  expect(names).toEqual(['b', 'b']);
  await b.close();
  await waitFor(() => balancer.healthy().length === 0);
  const reply = await post();
  expect(reply.status).toBe(503);
});

async function waitFor(condition: () => boolean): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 5_000) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('tells the gateway the client address it saw, after any the client sent', async () => {
  const reply = await fetch(`${balancer.url}/graphql`, { method: 'POST', headers: { 'x-forwarded-for': '6.6.6.6' }, body: '{}' });
  const { forwardedFor } = await reply.json() as { forwardedFor: string };
  expect(forwardedFor).toBe('6.6.6.6, 127.0.0.1');
});
