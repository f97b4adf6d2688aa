import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createAuditLog } from '../../audit-log';
import { createAuditTestStore, type AuditTestStore } from '../../__tests__/audit-test-store';
import { auditEntry, fixedClock, silentLogger } from '../../__tests__/audit-fixtures';
import { checkAgainstSeal } from '../check-seal';
import { createAuditSealer } from '../seal-chain';
import { readTimestampToken, timestampClient } from '../tsa-client';
import { startLocalTsa, type LocalTsa } from './local-tsa';
import { createSealFixture, type SealFixture } from './seal-fixtures';

const run = promisify(execFile);

/** Seals time-stamped by a real RFC 3161 authority: OpenSSL's, started by the test. */
let tsa: LocalTsa;
let store: AuditTestStore;
let seals: SealFixture;

beforeAll(async () => {
  tsa = await startLocalTsa();
  store = await createAuditTestStore();
  seals = await createSealFixture();
  const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
  for (let n = 1; n <= 3; n++) await log.append(auditEntry(n));
});
afterAll(async () => {
  await store?.drop();
  await seals?.remove();
  await tsa?.stop();
});

test('a seal carries a token from the authority that stamps exactly that seal, and OpenSSL agrees', async () => {
  const before = new Date(Date.now() - 60_000);
  const sealer = createAuditSealer({ pool: store.pool, log: seals.log, keys: seals.keys, clock: fixedClock(), timestamp: timestampClient(tsa.url) });
  const line = await sealer.seal('scheduled');
  expect(line?.timestampToken).toEqual(expect.any(String));
  const reading = await readTimestampToken(line!.timestampToken!, line!.jws);
  expect(reading.valid).toBe(true);
  expect(reading.genTime.getTime()).toBeGreaterThan(before.getTime());
  expect((await checkAgainstSeal(store.pool, seals.log, seals.keys.publicKey)).kind).toBe('held');

  await writeFile(path.join(tsa.dir, 'seal.jws'), line!.jws);
  await writeFile(path.join(tsa.dir, 'token.der'), Buffer.from(line!.timestampToken!, 'base64'));
  const verified = await run('openssl', ['ts', '-verify', '-token_in', '-in', path.join(tsa.dir, 'token.der'),
    '-data', path.join(tsa.dir, 'seal.jws'), '-CAfile', tsa.certificate]);
  expect(verified.stdout.trim()).toBe('Verification: OK');
});

test('a token does not stamp another seal', async () => {
  const line = await seals.log.last();
  expect((await readTimestampToken(line!.timestampToken!, `${line!.jws}x`)).valid).toBe(false);
});

test('a token moved onto another seal line makes the record untrusted', async () => {
  const line = (await seals.log.last())!;
  const other = await createSealFixture();
  try {
    const sealer = createAuditSealer({ pool: store.pool, log: other.log, keys: seals.keys, clock: fixedClock() });
    const fresh = (await sealer.seal('backup'))!;
    await other.log.append({ ...fresh, timestampToken: line.timestampToken! });
    expect(await checkAgainstSeal(store.pool, other.log, seals.keys.publicKey)).toEqual({
      kind: 'seal invalid', message: `the time-stamp token of the seal of #3 sealed at ${fresh.sealedAt} does not stamp that seal`,
    });
  } finally {
    await other.remove();
  }
});

test('an authority that fails: the seal is not written, and the error names the authority', async () => {
  tsa.failWith = 503;
  try {
    const before = await seals.log.last();
    const sealer = createAuditSealer({ pool: store.pool, log: seals.log, keys: seals.keys, clock: fixedClock(), timestamp: timestampClient(tsa.url) });
    await expect(sealer.seal('backup')).rejects.toThrow(`the time-stamping authority at ${tsa.url} answered HTTP 503`);
    expect(await seals.log.last()).toEqual(before);
  } finally {
    tsa.failWith = undefined;
  }
});
