// `node bench/hive/reproduce-canonical.mjs`: the smallest supergraph Hive Gateway refuses with
// "Multiple canonical definitions", composed by Apollo's own composition (so a valid Federation 2
// supergraph), and the variants it accepts. Cause (@graphql-tools/stitch, isolateComputedFieldsTransformer):
// a subgraph whose only fields returning a value type are @requires fields gets that type marked
// `canonical` in its isolated subschema; two such subgraphs make two canonical definitions of one type.
import { composeServices } from '@apollo/composition';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { parse } from 'graphql';
import process from 'node:process';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires"])';
const table = (name) => `type ${name} @shareable { value: Int! }`;
const owner = { name: 'owner', url: 'http://127.0.0.1:1/', typeDefs: parse(`${link}
  type Query { stats: Stats! }
  type Stats @key(fields: "id") { id: ID! counted: Table! }
  ${table('Table')}`) };
const deriving = (name, returned) => ({ name, url: 'http://127.0.0.1:1/', typeDefs: parse(`${link}
  type Stats @key(fields: "id") { id: ID! counted: Table! @external ${name}Ratio: ${returned}! @requires(fields: "counted { value }") }
  ${table('Table')}${returned === 'Table' ? '' : `\n  ${table(returned)}`}`) });

async function loads(label, services) {
  const composed = composeServices(services);
  if (composed.errors) throw new Error(`${label}: Apollo composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  const gateway = createGatewayRuntime({ supergraph: composed.supergraphSdl, logging: 'error' });
  try {
    const response = await gateway.fetch('http://localhost/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
    });
    const body = await response.json();
    process.stdout.write(`${label}: ${body.errors ? `refused (the gateway logs why, above)` : "loaded"}\n`);
  } finally {
    await gateway.dispose();
  }
}

await loads('one subgraph derives a Table through @requires', [owner, deriving('first', 'Table')]);
await loads('two subgraphs derive a Table through @requires', [owner, deriving('first', 'Table'), deriving('second', 'Table')]);
await loads('two subgraphs derive, each into a table type of its own', [owner, deriving('first', 'FirstTable'), deriving('second', 'SecondTable')]);
