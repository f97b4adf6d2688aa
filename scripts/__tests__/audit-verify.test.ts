import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createAuditLog } from '../../store/audit/audit-log';
import { createAuditTestStore, type AuditTestStore } from '../../store/audit/__tests__/audit-test-store';
import { auditEntry, fixedClock, silentLogger } from '../../store/audit/__tests__/audit-fixtures';
import { createAuditSealer } from '../../store/audit/seal/seal-chain';
import { createSealFixture, cutTail, type SealFixture } from '../../store/audit/seal/__tests__/seal-fixtures';

const ROOT = path.join(__dirname, '../..');

/** Runs the CLI as `npm run audit:verify` would, against the test store. */
function runCli(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _inherited, ...base } = process.env;
    const child = spawn('npx', ['tsx', 'scripts/audit-verify.ts'], { cwd: ROOT, env: { ...base, LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    // npm's own warnings about the machine's npm configuration are not the CLI's output.
    const ours = (text: string) => text.split('\n').filter((line) => !line.startsWith('npm warn ')).join('\n');
    child.on('close', (code) => resolve({ code, stdout, stderr: ours(stderr) }));
  });
}

let store: AuditTestStore;
let seals: SealFixture;
let ids: string[];
beforeAll(async () => {
  store = await createAuditTestStore();
  seals = await createSealFixture();
  const log = createAuditLog(store.pool, { clock: fixedClock(), logger: silentLogger });
  await Promise.all(Array.from({ length: 5 }, (_, n) => log.append(auditEntry(n + 1))));
  ids = (await store.pool.query<{ id: string }>('SELECT id FROM audit_entries ORDER BY seq')).rows.map((r) => r.id);
});
afterAll(async () => {
  await store.drop();
  await seals.remove();
});

/** Stops the test's own connection first where the store is a PGlite folder: only one process may hold it. */
async function cli(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  await store.stop();
  return runCli({ ...store.env as Record<string, string>, AUDIT_SEAL_DIR: seals.dir, AUDIT_SEAL_VERIFY_KEY: seals.publicJwk });
}

const UNSEALED = 'audit seal: not sealed yet: nothing outside the database vouches for the tail\n';
const SEALED_AT = '2025-03-01T09:00:00.000Z';
const MISSING = `audit seal: entries #4–#5 sealed at ${SEALED_AT} are missing (#3 is the last entry before them)\n`;

describe('npm run audit:verify', () => {
  test('an intact chain, not sealed yet: exit 0, the count, and that nothing vouches for the tail', async () => {
    expect(await cli()).toEqual({ code: 0, stdout: `audit chain intact: 5 entries\n${UNSEALED}`, stderr: '' });
  });

  test('a tail cut after the seal: the chain still links, the seal names the missing entries, exit 1', async () => {
    await store.reopen();
    await createAuditSealer({ pool: store.pool, log: seals.log, keys: seals.keys, clock: fixedClock(SEALED_AT) }).seal('scheduled');
    await cutTail(store.pool, 4);
    expect(await cli()).toEqual({ code: 1, stdout: `audit chain intact: 3 entries\n${MISSING}`, stderr: '' });
  });

  test('a tampered entry: exit 1 naming it', async () => {
    await store.reopen();
    await store.pool.query('ALTER TABLE audit_entries DISABLE TRIGGER ALL');
    await store.pool.query("UPDATE audit_entries SET unit = 'GZGAJ' WHERE seq = 3");
    await store.pool.query('ALTER TABLE audit_entries ENABLE TRIGGER ALL');
    expect(await cli()).toEqual({ code: 1, stdout: `audit chain broken at entry #3 (${ids[2]}): hash mismatch\n${MISSING}`, stderr: '' });
  });

  test('each run is recorded for supervision', async () => {
    await store.reopen();
    const { rows } = await store.pool.query('SELECT ok, entries, broken_seq, broken_reason, sealed_seq, seal_problem FROM audit_verifications ORDER BY id');
    expect(rows).toEqual([
      { ok: true, entries: '5', broken_seq: null, broken_reason: null, sealed_seq: null, seal_problem: null },
      { ok: false, entries: '3', broken_seq: null, broken_reason: null, sealed_seq: '5', seal_problem: 'tail missing' },
      { ok: false, entries: '3', broken_seq: '3', broken_reason: 'hash mismatch', sealed_seq: '5', seal_problem: 'tail missing' },
    ]);
  });

  test('no store in DATA_DIR: exit 2 with what to set', async () => {
    const result = await runCli({ DATA_DIR: path.join(ROOT, 'no-such-folder') });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`No governance store in ${path.join(ROOT, 'no-such-folder')}: set DATA_DIR to the pool's data folder, or DATABASE_URL.\n`);
  });
});
