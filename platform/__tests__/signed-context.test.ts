import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKeyPair, type KeyPair } from '../keys';
import { ContextRejected, ReplayGuard, signContext, verifyContext } from '../signed-context';

let keys: KeyPair;
let forger: KeyPair;
const claims = { unit: '440106', requestId: 'r-1', tokenId: 't-1' };
const body = { query: '{ students { totalCount } }', variables: { first: 2 } };

beforeAll(async () => {
  keys = await loadKeyPair('context', { dataDir: mkdtempSync(path.join(tmpdir(), 'edupool-ctx-')) }, true);
  forger = await loadKeyPair('context', { dataDir: mkdtempSync(path.join(tmpdir(), 'edupool-ctx-')) }, true);
});

describe('signed subgraph context', () => {
  it('is accepted once for its audience and body', async () => {
    const token = await signContext(keys, 'student', claims, body, 60);
    await expect(verifyContext(keys, 'student', token, body, new ReplayGuard())).resolves.toMatchObject(claims);
  });

  it.each([
    ['missing', async (): Promise<string | undefined> => undefined, 'student', body],
    ['forged', () => signContext(forger, 'student', claims, body, 60), 'student', body],
    ['for another subgraph', () => signContext(keys, 'teacher', claims, body, 60), 'student', body],
    ['for another body', () => signContext(keys, 'student', claims, body, 60), 'student', { ...body, variables: { first: 3 } }],
  ] as const)('is refused when %s', async (_case, make, audience, sentBody) => {
    const token = await make();
    await expect(verifyContext(keys, audience, token, sentBody, new ReplayGuard())).rejects.toBeInstanceOf(ContextRejected);
  });

  it('is refused when replayed', async () => {
    const guard = new ReplayGuard();
    const token = await signContext(keys, 'student', claims, body, 60);
    await verifyContext(keys, 'student', token, body, guard);
    await expect(verifyContext(keys, 'student', token, body, guard)).rejects.toThrow('replayed');
  });

  it('forgets ids once they expire', () => {
    const guard = new ReplayGuard();
    expect(guard.accept('a', 1_000, 0)).toBe(true);
    expect(guard.accept('a', 1_000, 500)).toBe(false);
    expect(guard.accept('b', 20_000, 10_000)).toBe(true);
    expect(guard.accept('a', 30_000, 10_001)).toBe(true);
  });
});
