import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { errors } from '../../policies/errors';
import { errorMaskingPlugin } from '../error-masking-plugin';
import { toGraphQLError } from '../graphql-errors';

/**
 * Issue 11 item 6, logs: what a client got wrong is logged at info, once per
 * request, without a stack; an unexpected error at error, with its stack and
 * the request id the client was given. Development logs are pretty-printed,
 * production ones JSON.
 */
interface LogRecord { level: number; msg: string; requestId?: string; err?: { stack?: string }; errors?: Array<{ code: string }> }

const records: LogRecord[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => records.push(JSON.parse(line) as LogRecord) });
const server = new ApolloServer<{ requestId: string }>({
  typeDefs: 'type Query { ok: String, boom: String, bad(n: Int): String }',
  resolvers: {
    Query: {
      ok: () => 'ok',
      boom: () => { throw new Error('pool exhausted talking to 10.0.3.1:5432'); },
      bad: () => { throw toGraphQLError(errors.badUserInput('n', 'n must be positive.')); },
    },
  },
  plugins: [errorMaskingPlugin<{ requestId: string }>((context) => context.requestId, logger)],
});

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => { records.length = 0; });

const run = (query: string, requestId: string) => server.executeOperation({ query }, { contextValue: { requestId } });

it('logs an unexpected error at error, with its stack and the request id', async () => {
  await run('{ boom }', 'req-boom');
  expect(records).toHaveLength(1);
  expect(records[0]).toEqual(expect.objectContaining({ level: 50, msg: 'unexpected error', requestId: 'req-boom' }));
  expect(records[0]!.err?.stack).toMatch(/pool exhausted[\s\S]*at /);
});

it.each([
  ['a BAD_USER_INPUT from a resolver', '{ bad(n: -1) }', 'BAD_USER_INPUT'],
  ['an operation that does not validate', '{ ok nope }', 'BAD_USER_INPUT'],
  ['an operation that does not parse', '{ ok', 'BAD_USER_INPUT'],
])('logs %s once at info, without a stack', async (_what, query, code) => {
  await run(query, 'req-mistake');
  expect(records).toEqual([expect.objectContaining({ level: 30, requestId: 'req-mistake', errors: [expect.objectContaining({ code })] })]);
  expect(JSON.stringify(records)).not.toMatch(/stack|\n\s+at /);
});

it('logs nothing for a request without errors', async () => {
  await run('{ ok }', 'req-ok');
  expect(records).toEqual([]);
});

describe('log format', () => {
  const emit = (format: string) => spawnSync(process.execPath, ['--import', 'tsx', '-e',
    `require('./platform/logger').createLogger('info', 'demo', ${JSON.stringify(format)}).info({ unit: '440106' }, 'hello')`,
  ], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' }).stdout.trim();

  it('writes one JSON object a line for production', () => {
    expect(JSON.parse(emit('json'))).toEqual(expect.objectContaining({ level: 30, part: 'demo', unit: '440106', msg: 'hello' }));
  });

  it('writes readable lines for a developer', () => {
    const line = emit('pretty');
    expect(line).toMatch(/INFO.*hello/);
    expect(line).toContain('unit: "440106"');
    expect(() => JSON.parse(line)).toThrow();
  });
});
