import type { KeyLike } from 'jose';
import type { Pool } from 'pg';
import { SealRecordDamagedError, type SealLog } from './seal-log';
import { openSeal, SealSignatureError, type SealPayload } from './seal-record';
import { readTimestampToken } from './tsa-client';

/**
 * The trail held against its last seal. The hash chain shows a change inside
 * the trail; only the seal shows what the chain cannot: entries cut from the
 * end, and a trail rewritten (or replaced by an older copy) with hashes
 * recomputed, since the sealed seq then holds another hash or nothing.
 */
export type SealCheck =
  | { readonly kind: 'unsealed' }
  | { readonly kind: 'held'; readonly seal: SealPayload }
  | { readonly kind: 'tail missing'; readonly seal: SealPayload; readonly lastSeq: string | null; readonly fromSeq: string; readonly toSeq: string }
  | { readonly kind: 'hash differs'; readonly seal: SealPayload; readonly storedHash: string }
  | { readonly kind: 'seal invalid'; readonly message: string };

export type SealProblem = Exclude<SealCheck['kind'], 'unsealed' | 'held'>;

export async function checkAgainstSeal(pool: Pool, log: SealLog, publicKey: KeyLike | Uint8Array): Promise<SealCheck> {
  let seal: SealPayload;
  try {
    const line = await log.last();
    if (!line) return { kind: 'unsealed' };
    seal = await openSeal(line, publicKey);
    if (line.timestampToken !== undefined && !(await readTimestampToken(line.timestampToken, line.jws).then((t) => t.valid, () => false))) {
      return { kind: 'seal invalid', message: `the time-stamp token of the seal of #${line.seq} sealed at ${line.sealedAt} does not stamp that seal` };
    }
  } catch (error) {
    if (error instanceof SealSignatureError || error instanceof SealRecordDamagedError) {
      return { kind: 'seal invalid', message: (error as Error).message };
    }
    throw error;
  }
  const sealed = await pool.query<{ hash: string }>('SELECT hash FROM audit_entries WHERE seq = $1', [seal.seq]);
  const stored = sealed.rows[0];
  if (stored) return stored.hash === seal.hash ? { kind: 'held', seal } : { kind: 'hash differs', seal, storedHash: stored.hash };
  const below = await pool.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM audit_entries WHERE seq < $1', [seal.seq]);
  const lastSeq = below.rows[0]?.seq ?? null;
  return { kind: 'tail missing', seal, lastSeq, fromSeq: (BigInt(lastSeq ?? '0') + 1n).toString(), toSeq: seal.seq };
}

/** One sentence for a person: what the seal shows. */
export function describeSealCheck(check: SealCheck): string {
  switch (check.kind) {
    case 'unsealed':
      return 'not sealed yet: nothing outside the database vouches for the tail';
    case 'held':
      return `sealed head #${check.seal.seq} (sealed at ${check.seal.sealedAt}) is present and unchanged`;
    case 'tail missing': {
      const range = check.fromSeq === check.toSeq ? `entry #${check.toSeq} sealed at ${check.seal.sealedAt} is` : `entries #${check.fromSeq}–#${check.toSeq} sealed at ${check.seal.sealedAt} are`;
      const end = check.lastSeq === null ? 'no entry before them remains' : `#${check.lastSeq} is the last entry before them`;
      return `${range} missing (${end})`;
    }
    case 'hash differs':
      return `entry #${check.seal.seq} does not hold the hash sealed at ${check.seal.sealedAt}: the trail was rewritten up to it`;
    case 'seal invalid':
      return check.message;
  }
}
