import type { Listening } from '../../../platform/http-graphql';
import type { RequestContextClaims } from '../../../platform/signed-context';
import { readRecordsServed } from '../../../platform/cross-part-types';
import { serveSubgraph } from '../serve-subgraph';
import { fixtureSubgraph } from './fixture-subgraph';
import { sealedRequests, type SealedRequests } from './sealed-requests';
import { allowAllPermissions, claimsWith, testPermissions } from './test-permissions';

/**
 * A guarded subgraph over HTTP: refused without valid permissions in the
 * signed context (deny by default), answered with them, the records served
 * reported in the response's extensions for the gateway's audit.
 */
let server: Listening;
let seal: SealedRequests;

beforeAll(async () => {
  seal = await sealedRequests();
  server = await serveSubgraph(fixtureSubgraph, { batches: { studentById: 0, schoolByCode: 0 } }, seal.serveOptions);
});
afterAll(async () => { await server?.close(); });

async function post(query: string, claims: RequestContextClaims): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await seal.post(server.url, 'student', claims, { query });
  return { status: response.status, json: await response.json() as Record<string, unknown> };
}

it.each([
  ['no permissions', claimsWith(undefined), 'gateway context without permissions'],
  ['permissions that do not parse', { ...claimsWith(undefined), permissions: { unit: '440100', coordinates: {} } }, 'do not parse'],
  ['permissions of another unit', claimsWith(allowAllPermissions('440106'), '440100'), 'permissions of unit 440106'],
])('refuses a signed context with %s, _service included, like a missing context', async (_case, claims, reason) => {
  const { status, json } = await post('{ _service { sdl } }', claims);
  expect(status).toBe(401);
  expect(json).toEqual({ errors: [{ message: expect.stringContaining(reason), extensions: { code: 'UNAUTHENTICATED' } }] });
  expect(JSON.stringify(json)).not.toContain('type Student');
});

it('answers with permissions and reports the personal records served, with their grants', async () => {
  const { status, json } = await post('{ students { id name } }', claimsWith(testPermissions({ grantId: 'g-1', masks: { 'Student.name': 'NAME' } })));
  expect(status).toBe(200);
  expect(json).toEqual({
    data: { students: [{ id: 'S1', name: '陈**' }, { id: 'S2', name: '欧阳*' }, { id: 'S3', name: '李*' }] },
    extensions: { recordsServed: { Student: ['S1', 'S2', 'S3'].map((id) => ({ id, grantIds: ['g-1'] })) } },
  });
  expect(readRecordsServed(json.extensions as Record<string, unknown>)).toEqual(
    ['S1', 'S2', 'S3'].map((id) => ({ type: 'Student', id, grantIds: ['g-1'] })),
  );
});

it('reads no records from an extension that is absent, and refuses a malformed one', () => {
  expect(readRecordsServed(undefined)).toEqual([]);
  expect(readRecordsServed({})).toEqual([]);
  expect(() => readRecordsServed({ recordsServed: { Student: ['S1'] } })).toThrow();
});
