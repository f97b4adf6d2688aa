import type { HotState } from './hot-state';

/**
 * The hot state's copy of the token denylist (the store's revoked_tokens and
 * unit_token_cutoffs): one key per revoked token, one per unit cut-off, and a
 * sentinel the gateways set after copying everything from PostgreSQL. A Redis
 * that has lost its data (flushed, restarted empty) has lost the sentinel too,
 * which is how a gateway knows it must not trust a missing key.
 */
export const DENYLIST_READY_KEY = 'denylist:ready';

export const revokedTokenKey = (unit: string, jti: string): string => `denylist:jti:${unit}:${jti}`;

export const unitCutoffKey = (unit: string): string => `denylist:unit:${unit}`;

/** Copies one revocation; the key expires with it, so Redis never holds more than is in force. */
export async function copyTokenRevocation(
  hotState: HotState, revocation: { jti: string; unit: string; expiresAt: Date }, now: Date,
): Promise<void> {
  const ttlSeconds = (revocation.expiresAt.getTime() - now.getTime()) / 1000;
  if (ttlSeconds > 0) await hotState.set(revokedTokenKey(revocation.unit, revocation.jti), '1', ttlSeconds);
}

/**
 * Copies a unit's cut-off (milliseconds since the epoch). It expires when the
 * last token it can revoke has expired: `maxTokenTtlSeconds` after it.
 */
export async function copyUnitCutoff(
  hotState: HotState, cutoff: { unit: string; revokedBefore: Date }, now: Date, maxTokenTtlSeconds: number,
): Promise<void> {
  const ttlSeconds = (cutoff.revokedBefore.getTime() + maxTokenTtlSeconds * 1000 - now.getTime()) / 1000;
  if (ttlSeconds > 0) await hotState.set(unitCutoffKey(cutoff.unit), String(cutoff.revokedBefore.getTime()), ttlSeconds);
}
