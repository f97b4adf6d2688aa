import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { loadKeyPair, type KeyPair } from '../keys';
import { bearerToken, issueToken, parseTtl, TOKEN_AUDIENCE, TOKEN_ISSUER, TokenRejected, verifyToken } from '../tokens';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let keys: KeyPair;
let otherKeys: KeyPair;

beforeAll(async () => {
  keys = await loadKeyPair('token', { dataDir: mkdtempSync(path.join(tmpdir(), 'edupool-keys-')) }, true);
  otherKeys = await loadKeyPair('token', { dataDir: mkdtempSync(path.join(tmpdir(), 'edupool-keys-')) }, true);
});

async function expectRejected(token: string, failure: TokenRejected['failure'], now?: Date): Promise<void> {
  await expect(verifyToken(keys, token, now)).rejects.toMatchObject({ failure });
}

describe('client tokens', () => {
  it('round-trips unit, jti, scope and purpose', async () => {
    const token = await issueToken(keys, { unit: 'GZGAJ', ttlSeconds: 3600, scope: ['GZJY-XS-002'], purpose: '户籍核查' });
    const claims = await verifyToken(keys, token);
    expect(claims.unit).toBe('GZGAJ');
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.scope).toEqual(['GZJY-XS-002']);
    expect(claims.purpose).toBe('户籍核查');
  });

  it('refuses an expired token', async () => {
    const token = await issueToken(keys, { unit: '440106', ttlSeconds: 60 }, new Date('2026-01-01T00:00:00Z'));
    await expectRejected(token, 'expired', new Date('2026-01-01T00:02:00Z'));
  });

  it('refuses a token signed by another key', async () => {
    await expectRejected(await issueToken(otherKeys, { unit: '440106', ttlSeconds: 60 }), 'invalid');
  });

  it('refuses a token without exp', async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'EdDSA' }).setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE).setSubject('440106').setJti('x').setIssuedAt().sign(keys.privateKey!);
    await expectRejected(token, 'invalid');
  });

  it('refuses alg none and an HS256 token keyed with the public key', async () => {
    const body = Buffer.from(JSON.stringify({ sub: '440106', jti: 'x', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: 1, exp: 4102444800 })).toString('base64url');
    await expectRejected(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`, 'invalid');
    const publicJwk = await exportJWK((await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })).publicKey);
    const hs = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('440106').setJti('x')
      .setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setIssuedAt().setExpirationTime('1h')
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    await expectRejected(hs, 'invalid');
  });

  it('refuses garbage', async () => {
    await expectRejected('not-a-jwt', 'malformed');
  });

  it.each([
    [undefined, 'missing'],
    ['Basic abc', 'malformed'],
    ['Bearer', 'malformed'],
  ] as const)('bearer header %p is %s', (header, failure) => {
    expect(() => bearerToken(header)).toThrow(expect.objectContaining({ failure }));
  });

  it.each([['8h', 28800], ['30m', 1800], ['45s', 45], ['2d', 172800], ['90', 90]])('ttl %s = %i s', (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });

  it.each(['0s', '31d', 'forever', '-1h'])('ttl %s is refused', (text) => {
    expect(() => parseTtl(text)).toThrow(RangeError);
  });
});
