import type { Pool } from 'pg';

export interface ChainHead {
  readonly seq: string;
  readonly hash: string;
}

/**
 * The last committed entry. Writers append under one advisory lock
 * (write-audit-batch), so the committed seqs are always a prefix of the chain
 * and the head read here is a link that verification will find.
 */
export async function readChainHead(pool: Pool): Promise<ChainHead | null> {
  const { rows } = await pool.query<ChainHead>('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
  return rows[0] ?? null;
}
