import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeGracefully } from '../close-gracefully';

/**
 * A stopping server answers what is in flight and lets go of idle keep-alive
 * sockets at once; a request that never finishes is cut at the drain deadline.
 */
let server: Server;
let release: (() => void) | undefined;
let agent: Agent;

beforeEach(async () => {
  agent = new Agent({ keepAlive: true });
  release = undefined;
  server = createServer((req, res) => {
    if (req.url === '/slow') release = () => res.end('slow done');
    else if (req.url !== '/stuck') res.end('quick');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterEach(() => {
  agent.destroy();
  server.closeAllConnections();
  server.close();
});

/** A request on a keep-alive agent, so its socket stays open and idle afterwards. */
function get(path: string): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

it('answers the request in flight, closes the idle keep-alive socket, and then resolves', async () => {
  expect(await get('/quick')).toBe('quick');
  const slow = get('/slow');
  while (!release) await new Promise((resolve) => setTimeout(resolve, 10));
  let closed = false;
  const closing = closeGracefully(server, 60_000).then(() => { closed = true; });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(closed).toBe(false);
  release();
  expect(await slow).toBe('slow done');
  await closing;
  expect(server.listening).toBe(false);
});

it('cuts a request still running at the drain deadline', async () => {
  const stuck = get('/stuck').then(() => 'answered', () => 'cut');
  await new Promise((resolve) => setTimeout(resolve, 50));
  await closeGracefully(server, 200);
  expect(await stuck).toBe('cut');
});
