import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
// policies/ is the pure core (DESIGN.md "Shape"): data and pure functions only.
const ioLibraries = [
  'pg', 'pg-copy-streams', '@electric-sql/*', 'ioredis', 'iconv-lite', 'csv-parse', 'csv-parse/*',
  'csv-stringify', 'csv-stringify/*', 'pino', 'prom-client', 'express', '@apollo/*', 'dataloader',
  'jose', 'cli-progress', 'autocannon', 'undici',
];

// Parts of the pool meet only through shared modules (policies/, platform/, subgraphs/kit/):
// the gateway never reaches into a subgraph, and no subgraph into another.
const subgraphNames = ['student', 'teacher', 'facility', 'governance'];
const otherSubgraphs = (own) => subgraphNames.filter((name) => name !== own).flatMap((name) => [`../${name}/*`, `../${name}`, `**/subgraphs/${name}/*`]);

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'bench/results/', 'coverage/', '*.config.js', '*.config.mjs', 'console/dist/', 'console/src/gql/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // A pg or ioredis client without an 'error' listener throws a dropped connection into whatever runs next.
    ignores: ['platform/pg-clients.ts', 'platform/hot-state/redis-connections.ts', 'test/support/test-clients.ts', 'console/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name=/^(Client|Pool|Redis|Cluster)$/], NewExpression[callee.property.name=/^(Client|Pool|Redis|Cluster)$/]",
        message: 'Open pg connections with platform/pg-clients (tests: test/support/test-clients), which attach an error listener first; ioredis clients likewise.',
      }],
    },
  },
  {
    files: ['policies/**/*.ts'],
    ignores: ['policies/**/__tests__/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'policies/ is pure: no Node built-ins.' })),
        patterns: [{ group: ioLibraries, message: 'policies/ is pure: no I/O libraries.' }],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'policies/ is pure: pass configuration in.' },
        { name: 'fetch', message: 'policies/ is pure: no I/O.' },
        { name: 'require', message: 'policies/ is pure.' }],
    },
  },
  {
    files: ['gateway/**/*.ts'],
    ignores: ['gateway/**/__tests__/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/subgraphs/*', '**/subgraphs/**'], message: 'The gateway does not import subgraph internals: shared types live in platform/cross-part-types.ts.' }],
      }],
    },
  },
  ...subgraphNames.map((name) => ({
    files: [`subgraphs/${name}/**/*.ts`],
    ignores: [`subgraphs/${name}/**/__tests__/**`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: otherSubgraphs(name), message: `The ${name} subgraph does not import another subgraph's files: share through subgraphs/kit or platform/.` }],
      }],
    },
  })),
);
