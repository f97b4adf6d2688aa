import type { Pool } from 'pg';
import { actorOf, chainHash, GENESIS_HASH, recordsOfSets, type AuditContent, type AuditRecordSet, type AuditRecordType } from './audit-entry';

export type AuditChainBreak = 'hash mismatch' | 'prev_hash does not link';

export type AuditChainResult =
  | { readonly ok: true; readonly entries: number }
  | {
      readonly ok: false;
      /** Entries checked, the broken one included. */
      readonly entries: number;
      readonly brokenAt: { readonly seq: string; readonly id: string; readonly reason: AuditChainBreak };
    };

const PAGE = 1_000;

interface EntryRow {
  seq: string; id: string; at: Date; request_id: string; unit: string; token_id: string; purpose: string | null; person: string | null; client: string | null;
  operation_hash: string; operation_name: string | null; served: string[];
  refused: Array<{ coordinate: string; code: string }>; record_counts: Record<string, number>;
  grant_ids: string[]; prev_hash: string; hash: string;
}

/**
 * Part of the chain: the entries after a link already trusted (a sealed head),
 * up to and including `upTo`. The default is the whole chain.
 */
export interface ChainSegment {
  readonly after?: { readonly seq: string; readonly hash: string };
  readonly upTo?: string;
}

/**
 * Walks the trail in seq order, a page of 1,000 at a time, and recomputes
 * every link. The first entry that fails is named: 'prev_hash does not link'
 * when it does not point at the entry before it (one was removed or
 * reordered; for the first entry, the genesis hash), 'hash mismatch' when its
 * content (its record sets included) is not what was hashed. Rows removed
 * from the end of the trail leave no broken link; a recorded verification
 * (audit_verifications) says how many entries there were then.
 */
export async function verifyAuditChain(pool: Pool, segment: ChainSegment = {}): Promise<AuditChainResult> {
  let expectedPrev = segment.after?.hash ?? GENESIS_HASH;
  let lastSeq = segment.after?.seq ?? '0';
  let entries = 0;
  for (;;) {
    const page = await pool.query<EntryRow>(
      'SELECT * FROM audit_entries WHERE seq > $1 AND ($3::bigint IS NULL OR seq <= $3) ORDER BY seq LIMIT $2',
      [lastSeq, PAGE, segment.upTo ?? null],
    );
    if (page.rows.length === 0) return { ok: true, entries };
    const records = await recordsOf(pool, page.rows[0]!.seq, page.rows.at(-1)!.seq);
    for (const row of page.rows) {
      entries++;
      if (row.prev_hash !== expectedPrev) return broken(entries, row, 'prev_hash does not link');
      if (!matchesItsHash(row, records.get(row.seq) ?? [])) return broken(entries, row, 'hash mismatch');
      expectedPrev = row.hash;
      lastSeq = row.seq;
    }
  }
}

/**
 * The entry's content, its record sets included, is what was hashed. The
 * writer stores each record once, so a record stored twice was added behind
 * the store's back even when its copy would hash the same once merged.
 */
function matchesItsHash(row: EntryRow, sets: ReadonlyArray<AuditRecordSet>): boolean {
  const content = toContent(row, sets);
  const stored = sets.reduce((count, set) => count + set.ids.length, 0);
  return stored === content.records.length && chainHash(row.prev_hash, content) === row.hash;
}

function broken(entries: number, row: EntryRow, reason: AuditChainBreak): AuditChainResult {
  return { ok: false, entries, brokenAt: { seq: row.seq, id: row.id, reason } };
}

async function recordsOf(pool: Pool, fromSeq: string, toSeq: string): Promise<Map<string, AuditRecordSet[]>> {
  const result = await pool.query<{ audit_seq: string; record_type: AuditRecordType; grant_ids: string[]; record_ids: string[] }>(
    'SELECT audit_seq, record_type, grant_ids, record_ids FROM audit_record_sets WHERE audit_seq BETWEEN $1 AND $2',
    [fromSeq, toSeq],
  );
  const bySeq = new Map<string, AuditRecordSet[]>();
  for (const r of result.rows) {
    const sets = bySeq.get(r.audit_seq) ?? [];
    sets.push({ type: r.record_type, grantIds: r.grant_ids, ids: r.record_ids });
    bySeq.set(r.audit_seq, sets);
  }
  return bySeq;
}

function toContent(row: EntryRow, sets: ReadonlyArray<AuditRecordSet>): AuditContent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    requestId: row.request_id,
    unit: row.unit,
    tokenId: row.token_id,
    purpose: row.purpose,
    ...actorOf(row.person, row.client),
    operationHash: row.operation_hash,
    operationName: row.operation_name,
    served: row.served,
    refused: row.refused,
    recordCounts: row.record_counts,
    grantIds: row.grant_ids,
    records: recordsOfSets(sets),
  };
}
