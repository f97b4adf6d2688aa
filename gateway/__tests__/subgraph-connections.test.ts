import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodeFetch from 'node-fetch';
import { createSubgraphConnections, type SubgraphConnections } from '../signing-data-source';

/**
 * The gateway closes an idle socket to a subgraph before the subgraph does,
 * so that no fetch takes a socket in the moment the subgraph is closing it.
 * The subgraph here announces a 2 s keep-alive timeout; a fetch 1.5 s after
 * the last must come on a new connection (the gateway closed the old one at
 * 1 s), where a socket kept until the subgraph closes it would be reused.
 */
let server: Server;
let connections: SubgraphConnections;
// Counted per test: a socket of the last test's server may still close after this one begins.
let sockets: { opened: number; closedBySubgraphFirst: number };

beforeEach(async () => {
  const counted = { opened: 0, closedBySubgraphFirst: 0 };
  sockets = counted;
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('{"data":{}}'));
  });
  server.keepAliveTimeout = 2_000;
  server.on('connection', (socket) => {
    counted.opened++;
    let gatewayEnded = false;
    socket.on('end', () => {
      gatewayEnded = true;
    });
    socket.on('close', () => {
      if (!gatewayEnded) counted.closedBySubgraphFirst++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connections = createSubgraphConnections();
});

afterEach(async () => {
  connections.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const fetchOnce = async () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const response = await nodeFetch(url, { method: 'POST', body: '{}', agent: connections.agentFor });
  return response.text();
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('reuses a socket within the subgraph\'s keep-alive time', async () => {
  await fetchOnce();
  await pause(200);
  await fetchOnce();
  expect(sockets.opened).toBe(1);
});

it('closes an idle socket a second before the subgraph would, and fetches on a new one', async () => {
  await fetchOnce();
  await pause(1_500);
  await fetchOnce();
  expect(sockets.opened).toBe(2);
  await pause(100);
  expect(sockets.closedBySubgraphFirst).toBe(0);
});
