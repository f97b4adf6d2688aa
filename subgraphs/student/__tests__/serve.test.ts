import type { Listening } from '../../../platform/http-graphql';
import { sealedRequests, type SealedRequests } from '../../kit/__tests__/sealed-requests';
import { serveSubgraph } from '../../kit/serve-subgraph';
import { allowAllPermissions, claimsWith } from '../../kit/__tests__/test-permissions';
import { studentSubgraph } from '../index';
import { openFixture, type Fixture } from './harness';

/**
 * The subgraph over HTTP on the embedded PGlite: answers a gateway-signed
 * request with permissions, reporting the students it served; refuses an
 * unsigned one, and a signed one without permissions.
 */
describe('student subgraph served over HTTP', () => {
  let fixture: Fixture;
  let server: Listening;
  let seal: SealedRequests;

  beforeAll(async () => {
    fixture = await openFixture('pglite');
    seal = await sealedRequests();
    server = await serveSubgraph(studentSubgraph, fixture.services, seal.serveOptions);
  });
  afterAll(async () => {
    await server?.close();
    await fixture?.close();
  });

  const post = (body: { query: string }, headers: Record<string, string> = {}) => fetch(server.url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });

  it('answers a signed query and reports the students served', async () => {
    const body = { query: '{ students(first: 2) { totalCount edges { node { id gender { label } school { name } } } } }' };
    const response = await seal.post(server.url, 'student', claimsWith(allowAllPermissions()), body);
    const json = await response.json() as {
      data?: { students: { totalCount: number; edges: Array<{ node: { id: string } }> } }; errors?: unknown; extensions?: unknown;
    };
    expect(json.errors).toBeUndefined();
    expect(json.data?.students.totalCount).toBe(fixture.students.length);
    expect(json.data?.students.edges).toHaveLength(2);
    const ids = json.data!.students.edges.map((e) => e.node.id);
    expect(json.extensions).toEqual({ recordsServed: { Student: ids.map((id) => ({ id, grantIds: [] })) } });
  });

  it('refuses a signed context without permissions', async () => {
    const body = { query: '{ students(first: 2) { totalCount } }' };
    const response = await seal.post(server.url, 'student', claimsWith(undefined), body);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ message: expect.stringContaining('without permissions'), extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('refuses a request without a gateway context, _service included', async () => {
    const response = await post({ query: '{ _service { sdl } }' });
    expect(response.status).toBe(401);
  });
});
