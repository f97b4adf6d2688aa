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
 * Appends a batch in one transaction: lock, read the last hash, hash each
 * entry onto the chain in order, insert the entries and their record sets,
 * commit. Nothing of the batch is kept if any part fails.
 */
export async function writeAuditBatch(pool: Pool, batch: ReadonlyArray<AuditContent>): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last = await client.query<{ hash: string }>('SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
    let prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
    const rows = batch.map((content) => {
      const hash = chainHash(prevHash, content);
      const row = { content, prevHash, hash };
      prevHash = hash;
      return row;
    });
    const seqs = await insertEntries(client, rows);
    await insertRecordSets(client, batch, seqs);
  });
}

const ENTRY_COLUMNS = [
  'id', 'at', 'request_id', 'unit', 'token_id', 'purpose', 'person', 'client', 'operation_hash', 'operation_name',
  'served', 'refused', 'record_counts', 'grant_ids', 'prev_hash', 'hash',
] as const;

async function insertEntries(
  client: PoolClient, rows: ReadonlyArray<{ content: AuditContent; prevHash: string; hash: string }>,
): Promise<Map<string, string>> {
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
  const inserted = await client.query<{ seq: string; id: string }>(
    `INSERT INTO audit_entries (${ENTRY_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} RETURNING seq, id`, params,
  );
  const seqOf = new Map(inserted.rows.map((r) => [r.id, r.seq]));
  // The chain follows seq order, so the rows must have taken their seqs in the
  // order they were hashed. PostgreSQL does this for a VALUES list; refuse the
  // batch (rather than store a chain that cannot verify) if it ever did not.
  const inOrder = rows.every((r, i) => i === 0 || BigInt(seqOf.get(r.content.id)!) > BigInt(seqOf.get(rows[i - 1]!.content.id)!));
  if (!inOrder) throw new Error('audit entries took sequence numbers out of hash order; batch refused');
  return seqOf;
}

/**
 * All record sets of the batch in one statement with one JSON parameter, so
 * that a batch of large lists stays clear of the protocol's 65,535-parameter
 * limit.
 */
async function insertRecordSets(
  client: PoolClient, batch: ReadonlyArray<AuditContent>, seqOf: ReadonlyMap<string, string>,
): Promise<void> {
  const sets = batch.flatMap((c) => recordSets(c.records).map((set) => ({ seq: seqOf.get(c.id), ...set })));
  if (sets.length === 0) return;
  await client.query(
    `INSERT INTO audit_record_sets (audit_seq, record_type, grant_ids, record_ids)
     SELECT (s->>'seq')::bigint, s->>'type',
            ARRAY(SELECT jsonb_array_elements_text(s->'grantIds')), ARRAY(SELECT jsonb_array_elements_text(s->'ids'))
     FROM jsonb_array_elements($1::jsonb) AS s`,
    [JSON.stringify(sets)],
  );
}
