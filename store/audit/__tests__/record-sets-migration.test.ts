import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Pool } from 'pg';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../../migrate';
import { openEmptyDatabase } from '../../__tests__/test-store';
import { chainHash, GENESIS_HASH, toAuditContent } from '../audit-entry';
import { queryRecordAccesses } from '../audit-queries';
import { verifyAuditChain } from '../verify-chain';
import { auditEntry, fixedClock } from './audit-fixtures';

const RECORD_SETS_VERSION = 26;

/** A trail as the pool wrote it before record sets: one audit_record_access row per record. */
async function writeTrailOfRecordRows(pool: Pool): Promise<void> {
  let prevHash = GENESIS_HASH;
  const entries = [
    auditEntry(1, { records: [{ type: 'Student', id: 'S1', grantIds: ['g-1'] }, { type: 'Student', id: 'S2', grantIds: ['g-1'] }] }),
    auditEntry(2, { records: [] }),
    auditEntry(3, {
      unit: '440104',
      records: [
        { type: 'Student', id: 'S1', grantIds: ['g-2'] }, { type: 'Student', id: 'S3', grantIds: ['g-1', 'g-2'] },
        { type: 'Teacher', id: 'T1', grantIds: [] },
      ],
    }),
  ];
  for (const [n, entry] of entries.entries()) {
    const content = toAuditContent(entry, `id-${n}`, new Date(Date.UTC(2025, 2, 1, 8, n)));
    const hash = chainHash(prevHash, content);
    const { rows } = await pool.query<{ seq: string }>(
      `INSERT INTO audit_entries (id, at, request_id, unit, token_id, purpose, operation_hash, operation_name,
         served, refused, record_counts, grant_ids, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING seq`,
      [content.id, content.at, content.requestId, content.unit, content.tokenId, content.purpose, content.operationHash,
        content.operationName, content.served, JSON.stringify(content.refused), JSON.stringify(content.recordCounts),
        content.grantIds, prevHash, hash],
    );
    for (const record of content.records) {
      await pool.query('INSERT INTO audit_record_access (audit_seq, record_type, record_id, grant_ids) VALUES ($1, $2, $3, $4)',
        [rows[0]!.seq, record.type, record.id, record.grantIds]);
    }
    prevHash = hash;
  }
}

describe('migration 026: record accesses become record sets', () => {
  let folder: string;
  let db: Awaited<ReturnType<typeof openEmptyDatabase>>;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'edupool-migrations-'));
    db = await openEmptyDatabase();
  });
  afterEach(async () => {
    await db.drop();
    await rm(folder, { recursive: true, force: true });
  });

  test('moves every access of an existing trail, which still verifies and still answers who saw whom', async () => {
    const before = migrationFilesBefore(RECORD_SETS_VERSION);
    await Promise.all(before.map((file) => copyFile(path.join(MIGRATIONS_DIR, file), path.join(folder, file))));
    const pool = db.newPool();
    await migrate(pool, fixedClock(), folder);
    await writeTrailOfRecordRows(pool);
    expect(await countRecordRows(pool)).toBe(5);

    expect(await migrate(pool, fixedClock())).toEqual(readMigrations(MIGRATIONS_DIR).filter((m) => m.version >= RECORD_SETS_VERSION).map((m) => m.name));
    const { rows } = await pool.query("SELECT to_regclass('audit_record_access') AS old");
    expect(rows).toEqual([{ old: null }]);
    const sets = await pool.query('SELECT audit_seq, record_type, grant_ids, record_ids FROM audit_record_sets ORDER BY audit_seq, record_type, grant_ids');
    expect(sets.rows).toEqual([
      { audit_seq: '1', record_type: 'Student', grant_ids: ['g-1'], record_ids: ['S1', 'S2'] },
      { audit_seq: '3', record_type: 'Student', grant_ids: ['g-1', 'g-2'], record_ids: ['S3'] },
      { audit_seq: '3', record_type: 'Student', grant_ids: ['g-2'], record_ids: ['S1'] },
      { audit_seq: '3', record_type: 'Teacher', grant_ids: [], record_ids: ['T1'] },
    ]);
    expect(await verifyAuditChain(pool)).toEqual({ ok: true, entries: 3 });

    const sawS1 = await queryRecordAccesses(pool, { type: 'Student', id: 'S1' }, 10);
    expect(sawS1.map((a) => [a.unit.code, a.grantIds])).toEqual([['440104', ['g-2']], ['440106', ['g-1']]]);
    expect(await queryRecordAccesses(pool, { type: 'Student', id: 'S1' }, 10, '440106')).toHaveLength(1);
    expect(await queryRecordAccesses(pool, { type: 'Teacher', id: 'S1' }, 10)).toEqual([]);
    await expect(pool.query("DELETE FROM audit_record_sets WHERE audit_seq = 1")).rejects.toMatchObject({
      message: 'the audit trail is append-only: DELETE on audit_record_sets is refused',
    });
  });
});

function migrationFilesBefore(version: number): string[] {
  return readMigrations(MIGRATIONS_DIR)
    .filter((m) => m.version < version)
    .map((m) => `${String(m.version).padStart(3, '0')}_${m.name}.sql`);
}

/** The old layout's rows, counted: the fixture really wrote one row per record. */
async function countRecordRows(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_record_access');
  return rows[0]!.n;
}
