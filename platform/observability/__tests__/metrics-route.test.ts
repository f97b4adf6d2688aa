import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter } from 'prom-client';
import { metricsRoute } from '../metrics-route';

/** /metrics is off without METRICS_TOKEN, and with it answers only to that bearer token. */
const probe = new Counter({ name: 'edupool_route_probe_total', help: 'a metric of this test' });

async function serve(token: string | undefined): Promise<{ url: string; server: Server }> {
  const route = metricsRoute(token);
  const server = createServer((request, response) => void route.handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, server };
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => {
  server.close(resolve);
  server.closeAllConnections();
}))));

it('is off (404) without METRICS_TOKEN, whatever is sent', async () => {
  const { url, server } = await serve(undefined);
  servers.push(server);
  const response = await fetch(url, { headers: { authorization: 'Bearer anything-at-all-here' } });
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ errors: [expect.objectContaining({ message: expect.stringMatching(/METRICS_TOKEN/) })] });
});

it.each([
  ['no credential', undefined],
  ['another token', 'Bearer metrics-token-but-wrong'],
  ['the token in another scheme', 'Basic metrics-token-0123456789'],
  ['the token with a suffix', 'Bearer metrics-token-0123456789x'],
])('refuses %s with 401 and a Bearer challenge', async (_what, authorization) => {
  const { url, server } = await serve('metrics-token-0123456789');
  servers.push(server);
  const response = await fetch(url, { headers: authorization ? { authorization } : {} });
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
  expect(await response.text()).not.toContain('edupool_route_probe_total');
});

it('answers the text format to the token', async () => {
  probe.inc();
  const { url, server } = await serve('metrics-token-0123456789');
  servers.push(server);
  const response = await fetch(url, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(await response.text()).toContain('edupool_route_probe_total 1');
});
