import type { Pool } from 'pg';
import type { SealCheck, SealProblem } from './seal/check-seal';
import { describeSealCheck } from './seal/check-seal';
import type { AuditChainBreak, AuditChainResult } from './verify-chain';

/**
 * The record of each verification of the trail (npm run audit:verify, and
 * the pool's own on a schedule), shown in supervision: the hash chain, and
 * the trail held against its last seal outside the database, which is what
 * shows entries cut from the end.
 */
export interface AuditVerification {
  readonly verifiedAt: Date;
  /** The chain links and, where sealed, the trail matches its last seal. */
  readonly ok: boolean;
  readonly entries: number;
  readonly brokenSeq: string | null;
  readonly brokenReason: AuditChainBreak | null;
  readonly sealedSeq: string | null;
  readonly sealedAt: Date | null;
  readonly sealProblem: SealProblem | null;
  /** What the seal showed, in a sentence (store/audit/seal/check-seal). */
  readonly sealDetail: string | null;
}

/** Whether a seal check leaves the trail trusted: held, or nothing sealed yet. */
export function sealHolds(seal: SealCheck | undefined): boolean {
  return seal === undefined || seal.kind === 'held' || seal.kind === 'unsealed';
}

export async function recordAuditVerification(pool: Pool, result: AuditChainResult, at: Date, seal?: SealCheck): Promise<void> {
  const sealed = seal && 'seal' in seal ? seal.seal : undefined;
  await pool.query(
    `INSERT INTO audit_verifications (verified_at, ok, entries, broken_seq, broken_reason, sealed_seq, sealed_at, seal_problem, seal_detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      at, result.ok && sealHolds(seal), result.entries, result.ok ? null : result.brokenAt.seq, result.ok ? null : result.brokenAt.reason,
      sealed?.seq ?? null, sealed?.sealedAt ?? null, seal && !sealHolds(seal) ? seal.kind : null, seal ? describeSealCheck(seal) : null,
    ],
  );
}

export async function lastAuditVerification(pool: Pool): Promise<AuditVerification | null> {
  const { rows } = await pool.query<{
    verified_at: Date; ok: boolean; entries: string; broken_seq: string | null; broken_reason: AuditChainBreak | null;
    sealed_seq: string | null; sealed_at: Date | null; seal_problem: SealProblem | null; seal_detail: string | null;
  }>(`SELECT verified_at, ok, entries, broken_seq, broken_reason, sealed_seq, sealed_at, seal_problem, seal_detail
      FROM audit_verifications ORDER BY id DESC LIMIT 1`);
  const row = rows[0];
  if (!row) return null;
  return {
    verifiedAt: row.verified_at, ok: row.ok, entries: Number(row.entries),
    brokenSeq: row.broken_seq, brokenReason: row.broken_reason,
    sealedSeq: row.sealed_seq, sealedAt: row.sealed_at, sealProblem: row.seal_problem, sealDetail: row.seal_detail,
  };
}
