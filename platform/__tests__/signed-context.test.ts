import { generateKeyPair } from 'jose';
import { contextKeysOf, deriveFetchKey, type ContextKeys } from '../context-keys';
import { permissionsDigest, signAssertion, verifyAssertion } from '../permissions-assertion';
import { ContextRejected, openSeal, sealFetch } from '../signed-context';

let keys: ContextKeys;
let forger: ContextKeys;
const claims = { unit: '440106', requestId: 'r-1', tokenId: 't-1', purpose: '学籍核验' };
const request = { query: 'query Q($first: Int) { students(first: $first) { totalCount } }', variables: { first: 2 }, operationName: 'Q', extensions: { a: 1 } };
const raw = JSON.stringify(request);

beforeAll(async () => {
  keys = contextKeysOf(await generateKeyPair('EdDSA'));
  forger = contextKeysOf(await generateKeyPair('EdDSA'));
});

describe('the seal of one fetch', () => {
  it('opens for its subgraph and its bytes, with the claims and the permissions digest', async () => {
    const token = await sealFetch(keys.fetchKey('student'), 'student', claims, 'digest-1', raw, 60);
    const opened = await openSeal(keys.fetchKey('student'), 'student', token, raw);
    expect(opened).toEqual({ claims, permissionsDigest: 'digest-1', nonce: expect.any(String), expiresAtMs: expect.any(Number) });
    expect(token.length).toBeLessThan(600);
  });

  it('carries the signed-in person or the app, for governance to check roles against', async () => {
    for (const actor of [{ person: 'a7d4e1c0-0000-4000-8000-000000000001' }, { client: 'app_abc' }]) {
      const token = await sealFetch(keys.fetchKey('governance'), 'governance', { ...claims, ...actor }, undefined, raw, 60);
      expect((await openSeal(keys.fetchKey('governance'), 'governance', token, raw)).claims).toEqual({ ...claims, ...actor });
    }
  });

  it.each([
    ['the query', { ...request, query: '{ students { totalCount } }' }],
    ['the variables', { ...request, variables: { first: 3 } }],
    ['the operation name', { ...request, operationName: 'R' }],
    ['the extensions', { ...request, extensions: { a: 2 } }],
    ['the extensions, added', { ...request, extensions: { a: 1, persistedQuery: { version: 1 } } }],
  ])('is refused when %s changed', async (_part, changed) => {
    const token = await sealFetch(keys.fetchKey('student'), 'student', claims, 'digest-1', raw, 60);
    await expect(openSeal(keys.fetchKey('student'), 'student', token, JSON.stringify(changed))).rejects.toThrow('does not match the request body');
  });

  it('is refused with whitespace added to the same JSON: the seal covers bytes, not meaning', async () => {
    const token = await sealFetch(keys.fetchKey('student'), 'student', claims, 'digest-1', raw, 60);
    await expect(openSeal(keys.fetchKey('student'), 'student', token, `${raw} `)).rejects.toThrow('does not match the request body');
  });

  it.each([
    ['sealed with another secret', () => sealFetch(forger.fetchKey('student'), 'student', claims, 'd', raw, 60), 'student'],
    ['sealed for another subgraph, with its key', () => sealFetch(keys.fetchKey('teacher'), 'teacher', claims, 'd', raw, 60), 'student'],
    ['sealed with another subgraph\'s key', () => sealFetch(keys.fetchKey('teacher'), 'student', claims, 'd', raw, 60), 'student'],
    ['expired', () => sealFetch(keys.fetchKey('student'), 'student', claims, 'd', raw, 0), 'student'],
  ])('is refused when %s', async (_case, seal, audience) => {
    await expect(openSeal(keys.fetchKey(audience), audience, await seal(), raw)).rejects.toBeInstanceOf(ContextRejected);
  });

  it('is refused when absent', async () => {
    await expect(openSeal(keys.fetchKey('student'), 'student', undefined, raw)).rejects.toThrow('missing gateway context');
  });

  it('derives one key per subgraph from one secret, the same in every process', () => {
    const secret = new Uint8Array(32).fill(7);
    expect(Buffer.from(deriveFetchKey(secret, 'student'))).toEqual(Buffer.from(deriveFetchKey(secret, 'student')));
    expect(Buffer.from(deriveFetchKey(secret, 'student'))).not.toEqual(Buffer.from(deriveFetchKey(secret, 'teacher')));
  });
});

describe('the permissions assertion', () => {
  const wire = { v: 1, unit: '440106', scopes: {}, values: [], fields: {} };

  it('gives the same digest for the same permissions, another for others', () => {
    expect(permissionsDigest(wire)).toBe(permissionsDigest(JSON.parse(JSON.stringify(wire))));
    expect(permissionsDigest(wire)).not.toBe(permissionsDigest({ ...wire, unit: '440100' }));
  });

  it('verifies for its subgraph with the gateway\'s public key only', async () => {
    const token = await signAssertion(keys.assertion, 'student', wire, permissionsDigest(wire), 3_600);
    await expect(verifyAssertion({ publicKey: keys.assertion.publicKey }, 'student', token))
      .resolves.toEqual({ digest: permissionsDigest(wire), wire, expiresAtMs: expect.any(Number) });
  });

  it.each([
    ['forged', () => signAssertion(forger.assertion, 'student', wire, 'd', 3_600)],
    ['for another subgraph', () => signAssertion(keys.assertion, 'teacher', wire, 'd', 3_600)],
    ['not a string', async () => 42 as unknown as string],
  ])('is refused when %s', async (_case, sign) => {
    await expect(verifyAssertion(keys.assertion, 'student', await sign())).rejects.toBeInstanceOf(ContextRejected);
  });
});
