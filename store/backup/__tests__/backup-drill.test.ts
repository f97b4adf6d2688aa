import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { SettableClock } from '../../../platform/clock';
import { SIGNING_ALGORITHM } from '../../../platform/keys';
import { loadDefaultCatalog } from '../../../policies/catalog';
import { createUnitTree } from '../../../policies/unit-tree';
import { fixedUnits } from '../../../policies/units';
import { createTestDatabase, type TestDatabase } from '../../../test/support/create-test-database';
import { createAuditLog } from '../../audit/audit-log';
import { auditEntry, silentLogger } from '../../audit/__tests__/audit-fixtures';
import { checkAgainstSeal, describeSealCheck } from '../../audit/seal/check-seal';
import { createAuditSealer } from '../../audit/seal/seal-chain';
import { sealLog } from '../../audit/seal/seal-log';
import { verifyAuditChain } from '../../audit/verify-chain';
import { openGovernanceStore, type GovernanceStore } from '../../open-store';

/**
 * The recovery drill (issue 11, item 4; the Measures' chapter 7), through
 * the real commands: back up, destroy, restore into a fresh database, check
 * applications, grants and the audit chain against its seal, then append:
 * the chain continues. PostgreSQL when DATABASE_URL is set, else PGlite.
 */
const ROOT = path.join(__dirname, '../../..');
// Several processes each open the store; on a busy machine (PGlite especially) that takes minutes, not seconds.
const DRILL_TIMEOUT_MS = 900_000;
const clock = new SettableClock();
clock.set(new Date('2025-03-03T02:00:00Z'));

function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _inherited, ...base } = process.env;
    const child = spawn('npx', ['tsx', script, ...args], { cwd: ROOT, env: { ...base, LOG_LEVEL: 'warn', NODE_OPTIONS: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    // npm's own warnings about the machine's npm configuration are not the command's output.
    const ours = (text: string) => text.split('\n').filter((line) => !line.startsWith('npm warn ')).join('\n');
    child.on('close', (code) => resolve({ code, stdout, stderr: ours(stderr) }));
  });
}

let workDir: string;
let env: Record<string, string>;
let sealKeys: Awaited<ReturnType<typeof generateKeyPair>>;
const databases: TestDatabase[] = [];

async function newDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase('DATABASE_URL');
  databases.push(db);
  return db;
}

function open(db: TestDatabase): Promise<GovernanceStore> {
  return openGovernanceStore({
    ...(db.kind === 'postgres' ? { databaseUrl: db.url, dataDir: workDir } : { dataDir: db.dataDir }), clock, logger: silentLogger, poolSize: 2,
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'edupool-drill-'));
  sealKeys = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519', extractable: true });
  env = {
    AUDIT_SEAL_DIR: path.join(workDir, 'seals'),
    AUDIT_SEAL_SIGNING_KEY: JSON.stringify(await exportJWK(sealKeys.privateKey)),
    AUDIT_SEAL_VERIFY_KEY: JSON.stringify(await exportJWK(sealKeys.publicKey)),
  };
});
afterAll(async () => {
  for (const db of databases) await db.drop();
  await rm(workDir, { recursive: true, force: true });
});

test('back up, destroy, restore into a fresh database: applications, grants and the sealed audit chain come back, and the chain continues', async () => {
  const original = await newDatabase();
  const location: Record<string, string> = original.kind === 'postgres' ? { DATABASE_URL: original.url, DATA_DIR: workDir } : { DATA_DIR: original.dataDir };
  const seals = sealLog(env.AUDIT_SEAL_DIR!);
  let store = await open(original);
  const version = await store.catalog.record(loadDefaultCatalog(createUnitTree(fixedUnits)));
  const submitted = await store.applications.submit({
    applicant: 'GZGAJ', resources: ['GZJY-XS-002'], coordinates: ['Student.idNumber'], purpose: '身份核验', rowScope: ['440106'],
    validUntil: new Date('2025-06-30T16:00:00Z'), submittedAt: clock.now(), endorsementDeadline: null, decisionDeadline: new Date('2025-03-18T15:59:59.999Z'),
    endorser: null, provider: '440100', catalogVersion: version,
  }, { actorUnit: 'GZGAJ', actorToken: 'tok-1', reason: null });
  await store.applications.transition(submitted.id, () => ({
    to: 'APPROVED', at: clock.now(), event: { actorUnit: '440100', actorToken: 'tok-2', reason: '同意' },
    grants: [{ resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], rowScope: ['440106'], masks: {}, purpose: '身份核验', validUntil: new Date('2025-06-30T16:00:00Z') }],
  }));
  const log = createAuditLog(store.pool, { clock, logger: silentLogger });
  for (let n = 1; n <= 20; n++) await log.append(auditEntry(n));
  const applicationsBefore = await store.applications.history([submitted.id]);
  const grantsBefore = await store.grants.list({ applicationIds: [submitted.id] });
  await store.close();

  const backupFile = path.join(workDir, original.kind === 'postgres' ? 'governance.dump' : 'governance.tar.gz');
  const backup = await run('scripts/backup.ts', ['--out', backupFile], { ...env, ...location });
  expect(backup).toMatchObject({ code: 0, stdout: expect.stringMatching(/^backed up the governance store to .* audit head #20 sealed\) in \d+ ms\n$/) });

  // Entries written after the backup and sealed: the backup cannot hold them (the RPO of a dump).
  store = await open(original);
  const after = createAuditLog(store.pool, { clock, logger: silentLogger });
  for (let n = 21; n <= 23; n++) await after.append(auditEntry(n));
  await createAuditSealer({ pool: store.pool, log: seals, keys: sealKeys, clock }).seal('scheduled');
  await store.close();

  const target = original.kind === 'postgres' ? await newDatabase() : undefined;
  await original.drop();
  const restoreLocation = target?.kind === 'postgres' ? { DATA_DIR: workDir } : location;
  const restore = await run('scripts/restore.ts', [backupFile, ...(target?.kind === 'postgres' ? ['--into', target.url] : [])], { ...env, ...restoreLocation });
  expect(restore).toMatchObject({ code: 0, stderr: '' });
  expect(restore.stdout.split('\n').slice(1)).toEqual([
    'audit chain intact: 20 entries',
    expect.stringMatching(/^lost since the backup: entries #21–#23 sealed at \S+ are missing \(#20 is the last entry before them\)$/),
    'restored audit head #20 sealed; the chain continues from it',
    '',
  ]);

  store = await open(target ?? original);
  try {
    expect(await store.applications.history([submitted.id])).toEqual(applicationsBefore);
    expect(await store.grants.list({ applicationIds: [submitted.id] })).toEqual(grantsBefore);
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 20 });
    expect(describeSealCheck(await checkAgainstSeal(store.pool, seals, sealKeys.publicKey))).toMatch(/^sealed head #20 .* is present and unchanged$/);
    expect(await seals.last()).toMatchObject({ reason: 'restore', seq: '20', lost: { fromSeq: '21', toSeq: '23' } });

    const continued = createAuditLog(store.pool, { clock, logger: silentLogger });
    for (let n = 24; n <= 26; n++) await continued.append(auditEntry(n));
    expect(await verifyAuditChain(store.pool)).toEqual({ ok: true, entries: 23 });
    const resealed = await createAuditSealer({ pool: store.pool, log: seals, keys: sealKeys, clock }).seal('scheduled');
    expect(resealed).toMatchObject({ reason: 'scheduled' });
    expect((await checkAgainstSeal(store.pool, seals, sealKeys.publicKey)).kind).toBe('held');
  } finally {
    await store.close();
  }
}, DRILL_TIMEOUT_MS);

test('a restore refuses a database that already holds tables, and a PGlite folder that exists', async () => {
  const occupied = await newDatabase();
  const store = await open(occupied);
  await store.close();
  const args = occupied.kind === 'postgres' ? ['no-such.dump', '--into', occupied.url] : ['no-such.tar.gz'];
  const location = occupied.kind === 'postgres' ? { DATA_DIR: workDir } : { DATA_DIR: occupied.dataDir };
  const refused = await run('scripts/restore.ts', args, { ...env, ...location });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(occupied.kind === 'postgres'
    ? 'restore failed: the target database already has tables: restore into a fresh database'
    : `restore failed: ${path.join(occupied.dataDir, 'governance')} already exists: restore into a fresh location`);
}, DRILL_TIMEOUT_MS);
