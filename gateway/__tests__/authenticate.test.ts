import { mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKeyPair, type KeyPair } from '../../platform/keys';
import { RefusedRequest } from '../../platform/http-graphql';
import { issueToken } from '../../platform/tokens';
import { createAuthenticator } from '../authenticate';

// The authenticator keeps a token's checked signature until the token expires; these cases pin what that may not change.
let keys: KeyPair;
let otherKeys: KeyPair;
const issuedAt = new Date('2026-12-07T08:00:00Z');

beforeAll(async () => {
  keys = await loadKeyPair('token', { dataDir: mkdtempSync(path.join(tmpdir(), 'edupool-auth-')) }, true);
  otherKeys = await loadKeyPair('token', { dataDir: mkdtempSync(path.join(tmpdir(), 'edupool-auth-')) }, true);
});

const requestWith = (token: string) => ({ headers: { authorization: `Bearer ${token}` } }) as IncomingMessage;

async function refusal(promise: Promise<unknown>): Promise<RefusedRequest> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RefusedRequest);
  return error as RefusedRequest;
}

describe('bearer tokens checked once per signature', () => {
  it('refuses a token once it has expired, though its signature was checked while it lived', async () => {
    let now = issuedAt;
    const authenticator = createAuthenticator(keys, () => true, () => now);
    const token = await issueToken(keys, { unit: '440106', ttlSeconds: 60 }, issuedAt);
    await expect(authenticator.authenticate(requestWith(token))).resolves.toMatchObject({ unit: '440106' });
    now = new Date(issuedAt.getTime() + 61_000);
    const refused = await refusal(authenticator.authenticate(requestWith(token)));
    expect(refused.status).toBe(401);
    expect(refused.shape.extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.shape.message).toMatch(/expired/);
  });

  it('checks the unit on every request, not only when the signature is first checked', async () => {
    let known = true;
    const authenticator = createAuthenticator(keys, () => known, () => issuedAt);
    const token = await issueToken(keys, { unit: '440106', ttlSeconds: 600 }, issuedAt);
    await authenticator.authenticate(requestWith(token));
    known = false;
    expect((await refusal(authenticator.authenticate(requestWith(token)))).shape.message).toMatch(/not a unit of the pool/);
  });

  it('refuses a token signed by another key with the same claims after the genuine one was accepted', async () => {
    const authenticator = createAuthenticator(keys, () => true, () => issuedAt);
    const genuine = await issueToken(keys, { unit: '440106', ttlSeconds: 600 }, issuedAt);
    const forged = await issueToken(otherKeys, { unit: '440106', ttlSeconds: 600 }, issuedAt);
    await authenticator.authenticate(requestWith(genuine));
    expect((await refusal(authenticator.authenticate(requestWith(forged)))).status).toBe(401);
  });
});
