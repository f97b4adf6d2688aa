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
);
