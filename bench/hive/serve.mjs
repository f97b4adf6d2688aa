// Hive Gateway for the deployment bench: `node bench/hive/serve.mjs <port> <supergraph file>`.
// Its router runtime with defaults, except in-flight deduplication turned off, so that every
// client request reaches the subgraphs as it does through the other gateways.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

const [port, supergraphFile] = process.argv.slice(2);
const gateway = createGatewayRuntime({
  supergraph: readFileSync(supergraphFile, 'utf8'),
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  logging: 'error',
  graphqlEndpoint: '/graphql',
  healthCheckEndpoint: '/healthcheck',
});
createServer(gateway).listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => gateway.dispose().finally(() => process.exit(0)));
