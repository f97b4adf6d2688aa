import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SettableClock } from '../platform/clock';
import { createLogger } from '../platform/logger';
import { loadKeyPair } from '../platform/keys';
import { createUnitTree, fixedUnits, loadDefaultCatalog } from '../policies';
import { openGovernanceStore } from '../store';
import { createAuditLog } from '../store/audit/audit-log';
import { sealLog } from '../store/audit/seal/seal-log';
import { backupGovernanceStore } from '../store/backup/backup-governance';
import { restoreGovernanceStore } from '../store/backup/restore-governance';
import { auditEntry } from '../store/audit/__tests__/audit-fixtures';
import { createTestDatabase, type TestDatabase } from '../test/support/create-test-database';
import { spread, type Spread } from './measure';

/**
 * `npm run bench:backup`: how long a backup and a restore of the governance
 * store take (the RTO's store part; the RPO of dumps is their interval). A
 * demo-sized store (BENCH_AUDIT_ENTRIES audit entries, default 10,000, and
 * BENCH_APPLICATIONS approved applications with grants, default 100) is
 * backed up and restored into a fresh store BENCH_ROUNDS times (default 3):
 * PGlite, and PostgreSQL when DATABASE_URL is set (BENCH_STORES=pglite or
 * postgres picks one). Times include
 * sealing, and on restore the chain verification and the restore seal.
 */
interface Figures {
  readonly store: 'pglite' | 'postgres';
  readonly auditEntries: number;
  readonly applications: number;
  readonly backupBytes: number;
  readonly backupMs: Spread;
  readonly restoreMs: Spread;
}

const logger = createLogger('warn', 'bench-backup');
const clock = new SettableClock();

async function seed(location: { databaseUrl?: string; dataDir: string }, entries: number, applications: number): Promise<void> {
  const store = await openGovernanceStore({ ...location, clock, logger });
  try {
    const version = await store.catalog.record(loadDefaultCatalog(createUnitTree(fixedUnits)));
    const validUntil = new Date(clock.now().getTime() + 90 * 86_400_000);
    for (let n = 0; n < applications; n++) {
      const submitted = await store.applications.submit({
        applicant: 'GZGAJ', resources: ['GZJY-XS-002'], coordinates: ['Student.idNumber'], purpose: `核验 ${n}`, rowScope: ['440106'],
        validUntil, submittedAt: clock.now(), endorsementDeadline: null, decisionDeadline: validUntil, endorser: null, provider: '440100', catalogVersion: version,
      }, { actorUnit: 'GZGAJ', actorToken: `tok-${n}`, reason: null });
      await store.applications.transition(submitted.id, () => ({
        to: 'APPROVED', at: clock.now(), event: { actorUnit: '440100', actorToken: 'tok-dec', reason: '同意' },
        grants: [{ resource: 'GZJY-XS-002', coordinates: ['Student.idNumber'], rowScope: ['440106'], masks: {}, purpose: `核验 ${n}`, validUntil }],
      }));
    }
    const log = createAuditLog(store.pool, { clock, logger });
    for (let done = 0; done < entries; done += 1_000) {
      await Promise.all(Array.from({ length: Math.min(1_000, entries - done) }, (_, i) => log.append(auditEntry(done + i))));
    }
  } finally {
    await store.close();
  }
}

async function benchOne(kind: Figures['store'], rounds: number, entries: number, applications: number, work: string): Promise<Figures> {
  const seal = { log: sealLog(path.join(work, `seals-${kind}`)), keys: await loadKeyPair('audit-seal', { dataDir: work }, true) };
  const databases: TestDatabase[] = [];
  const fresh = async (): Promise<{ databaseUrl?: string; dataDir: string }> => {
    if (kind === 'pglite') return { dataDir: await mkdtemp(path.join(work, 'pglite-')) };
    const db = await createTestDatabase('DATABASE_URL');
    databases.push(db);
    return { databaseUrl: (db as { url: string }).url, dataDir: work };
  };
  try {
    const source = await fresh();
    await seed(source, entries, applications);
    const backupMs: number[] = [];
    const restoreMs: number[] = [];
    let bytes = 0;
    for (let round = 0; round < rounds; round++) {
      const file = path.join(work, `${kind}-${round}.backup`);
      let started = performance.now();
      bytes = (await backupGovernanceStore({ ...source, out: file, seal, clock, logger })).bytes;
      backupMs.push(performance.now() - started);
      const target = await fresh();
      started = performance.now();
      const restored = await restoreGovernanceStore({ ...target, file, seal, clock, logger });
      restoreMs.push(performance.now() - started);
      if (!restored.chain.ok || restored.chain.entries !== entries) throw new Error(`round ${round}: the restored chain is not the one backed up`);
    }
    return { store: kind, auditEntries: entries, applications, backupBytes: bytes, backupMs: spread(backupMs), restoreMs: spread(restoreMs) };
  } finally {
    for (const db of databases) await db.drop();
  }
}

async function main(): Promise<void> {
  const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
  const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 10_000);
  const applications = Number(process.env.BENCH_APPLICATIONS ?? 100);
  const work = await mkdtemp(path.join(tmpdir(), 'edupool-bench-backup-'));
  try {
    const stores = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',');
    const figures: Figures[] = [];
    if (stores.includes('pglite')) figures.push(await benchOne('pglite', rounds, entries, applications, work));
    if (stores.includes('postgres') && process.env.DATABASE_URL) figures.push(await benchOne('postgres', rounds, entries, applications, work));
    const results = path.join(__dirname, 'results');
    await mkdir(results, { recursive: true });
    await writeFile(path.join(results, 'backup.json'), `${JSON.stringify(figures, null, 2)}\n`);
    const ms = (s: Spread) => `${(s.median / 1000).toFixed(1)} s (${(s.min / 1000).toFixed(1)}–${(s.max / 1000).toFixed(1)})`;
    const lines = [
      '| store | audit entries | applications | backup size | backup (median, range) | restore incl. verify + seal (median, range) |',
      '| --- | --- | --- | --- | --- | --- |',
      ...figures.map((f) => `| ${f.store} | ${f.auditEntries} | ${f.applications} | ${(f.backupBytes / 1_048_576).toFixed(1)} MB | ${ms(f.backupMs)} | ${ms(f.restoreMs)} |`),
    ];
    await writeFile(path.join(results, 'backup.md'), `${lines.join('\n')}\n`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:backup failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
