import type { Pool } from 'pg';
import type { AuditChainBreak, AuditChainResult } from './verify-chain';

/**
 * The record of each chain verification (npm run audit:verify), shown in
 * supervision. It also bounds what the chain alone cannot show: entries
 * removed from the very end leave no broken link, but a trail shorter than a
 * recorded verification counted is a sign of it.
 */
export interface AuditVerification {
  readonly verifiedAt: Date;
  readonly ok: boolean;
  readonly entries: number;
  readonly brokenSeq: string | null;
  readonly brokenReason: AuditChainBreak | null;
}

export async function recordAuditVerification(pool: Pool, result: AuditChainResult, at: Date): Promise<void> {
  await pool.query(
    'INSERT INTO audit_verifications (verified_at, ok, entries, broken_seq, broken_reason) VALUES ($1, $2, $3, $4, $5)',
    [at, result.ok, result.entries, result.ok ? null : result.brokenAt.seq, result.ok ? null : result.brokenAt.reason],
  );
}

export async function lastAuditVerification(pool: Pool): Promise<AuditVerification | null> {
  const { rows } = await pool.query<{
    verified_at: Date; ok: boolean; entries: string; broken_seq: string | null; broken_reason: AuditChainBreak | null;
  }>('SELECT verified_at, ok, entries, broken_seq, broken_reason FROM audit_verifications ORDER BY id DESC LIMIT 1');
  const row = rows[0];
  if (!row) return null;
  return {
    verifiedAt: row.verified_at, ok: row.ok, entries: Number(row.entries),
    brokenSeq: row.broken_seq, brokenReason: row.broken_reason,
  };
}
