import { generateKeyPair } from 'jose';
import pino from 'pino';
import type { Listening } from '../../../platform/http-graphql';
import { CONTEXT_HEADER, signContext } from '../../../platform/signed-context';
import { serveSubgraph } from '../../kit/serve-subgraph';
import { studentSubgraph } from '../index';
import { openFixture, type Fixture } from './harness';

/** The subgraph over HTTP on the embedded PGlite: answers a gateway-signed request, refuses an unsigned one. */
describe('student subgraph served over HTTP', () => {
  let fixture: Fixture;
  let server: Listening;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    fixture = await openFixture('pglite');
    keys = await generateKeyPair('EdDSA');
    server = await serveSubgraph(studentSubgraph, fixture.services, {
      contextKeys: keys, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await server?.close();
    await fixture?.close();
  });

  const post = (body: { query: string }, headers: Record<string, string> = {}) => fetch(server.url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });

  it('answers a signed query', async () => {
    const body = { query: '{ students(first: 2) { totalCount edges { node { id gender { label } school { name } } } } }' };
    const context = await signContext(keys, 'student', { unit: '440100', requestId: 'r1', tokenId: 't1' }, body, 60);
    const response = await post(body, { [CONTEXT_HEADER]: context });
    const json = await response.json() as { data?: { students: { totalCount: number; edges: unknown[] } }; errors?: unknown };
    expect(json.errors).toBeUndefined();
    expect(json.data?.students.totalCount).toBe(fixture.students.length);
    expect(json.data?.students.edges).toHaveLength(2);
  });

  it('refuses a request without a gateway context, _service included', async () => {
    const response = await post({ query: '{ _service { sdl } }' });
    expect(response.status).toBe(401);
  });
});
