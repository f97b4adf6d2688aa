import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../transaction';
import { chainHash, GENESIS_HASH, recordSets, type AuditContent } from './audit-entry';

/**
 * Serialises audit writers across every gateway instance on one database:
 * each batch holds this transaction-scoped advisory lock while it reads the
 * chain's last hash and appends, so the chain stays one line. (The constant
 * is "EDUAUD" read as ASCII bytes; any works if every writer uses the same.)
 */
export const AUDIT_CHAIN_LOCK = 0x4544_5541_5544;

/**
 * Said in BEGIN's round trip: the chain lock, then the last hash. Separate
 * statements, not one, so the SELECT sees an entry committed by the writer
 * this one waited for at the lock (see inTransaction).
 */
const LOCK_AND_READ_LAST_HASH = [`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`, 'SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1'];

/**
 * Appends a batch in one transaction of three round trips (the gateway waits
 * for it before each answer): open and lock and read the last hash; hash each
 * entry onto the chain in order and insert the entries with their record
 * sets in one statement; commit. Nothing of the batch is kept if any part
 * fails.
 */
export async function writeAuditBatch(pool: Pool, batch: ReadonlyArray<AuditContent>): Promise<void> {
  await inTransaction(pool, async (client, [, lastHash]) => {
    let prevHash = (lastHash!.rows[0] as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
    const rows = batch.map((content) => {
      const hash = chainHash(prevHash, content);
      const row = { content, prevHash, hash };
      prevHash = hash;
      return row;
    });
    await insertEntriesWithRecordSets(client, rows);
  }, LOCK_AND_READ_LAST_HASH);
}

const ENTRY_COLUMNS = [
  'id', 'at', 'request_id', 'unit', 'token_id', 'purpose', 'person', 'client', 'operation_hash', 'operation_name',
  'served', 'refused', 'record_counts', 'grant_ids', 'prev_hash', 'hash',
] as const;

/**
 * One statement: the entries, then their record sets joined to the seqs the
 * entries took. The sets travel as one JSON parameter, so that a batch of
 * large lists stays clear of the protocol's 65,535-parameter limit.
 */
async function insertEntriesWithRecordSets(
  client: PoolClient, rows: ReadonlyArray<{ content: AuditContent; prevHash: string; hash: string }>,
): Promise<void> {
  const params: unknown[] = [];
  const tuples = rows.map(({ content: c, prevHash, hash }) => {
    const values = [
      c.id, c.at, c.requestId, c.unit, c.tokenId, c.purpose, c.person ?? null, c.client ?? null, c.operationHash, c.operationName,
      c.served, JSON.stringify(c.refused), JSON.stringify(c.recordCounts), c.grantIds, prevHash, hash,
    ];
    const placeholders = values.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const sets = rows.flatMap(({ content }) => recordSets(content.records).map((set) => ({ entry: content.id, ...set })));
  params.push(JSON.stringify(sets));
  const inserted = await client.query<{ seq: string; id: string }>(
    `WITH entries AS (
       INSERT INTO audit_entries (${ENTRY_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} RETURNING seq, id
     ), sets AS (
       INSERT INTO audit_record_sets (audit_seq, record_type, grant_ids, record_ids)
       SELECT e.seq, s->>'type', ARRAY(SELECT jsonb_array_elements_text(s->'grantIds')), ARRAY(SELECT jsonb_array_elements_text(s->'ids'))
       FROM jsonb_array_elements($${params.length}::jsonb) AS s JOIN entries e ON e.id = s->>'entry'
     )
     SELECT seq, id FROM entries`,
    params,
  );
  const seqOf = new Map(inserted.rows.map((r) => [r.id, BigInt(r.seq)]));
  // The chain follows seq order, so the rows must have taken their seqs in the
  // order they were hashed. PostgreSQL does this for a VALUES list; refuse the
  // batch (rather than store a chain that cannot verify) if it ever did not.
  const inOrder = rows.every((r, i) => i === 0 || seqOf.get(r.content.id)! > seqOf.get(rows[i - 1]!.content.id)!);
  if (!inOrder) throw new Error('audit entries took sequence numbers out of hash order; batch refused');
}
