import type { HotState } from './hot-state';

/**
 * The hot state's copy of the token denylist (the store's revoked_tokens,
 * unit_token_cutoffs and revoked apps): one key per revoked token, one per
 * unit cut-off, one per revoked app, and a
 * sentinel the gateways set after copying everything from PostgreSQL. A Redis
 * that has lost its data (flushed, restarted empty) has lost the sentinel too,
 * which is how a gateway knows it must not trust a missing key.
 *
 * Every key carries the hash tag `{denylist}`: a gateway reads the sentinel,
 * the token's key and its unit's key in one MGET and the copy is written in
 * one MULTI, which a Redis Cluster allows only within one hash slot. The
 * denylist is small (revocations in force), so one slot holds it easily.
 */
export const DENYLIST_READY_KEY = '{denylist}:ready';

export const revokedTokenKey = (unit: string, jti: string): string => `{denylist}:jti:${unit}:${jti}`;

export const unitCutoffKey = (unit: string): string => `{denylist}:unit:${unit}`;

export const revokedClientKey = (clientId: string): string => `{denylist}:client:${clientId}`;

export interface HotEntry {
  readonly key: string;
  readonly value: string;
  /** Unset: kept until deleted or flushed. */
  readonly ttlSeconds?: number;
}

/** One revocation's key; it expires with the revocation, so Redis never holds more than is in force. Undefined when already expired. */
export function tokenRevocationEntry(revocation: { jti: string; unit: string; expiresAt: Date }, now: Date): HotEntry | undefined {
  const ttlSeconds = (revocation.expiresAt.getTime() - now.getTime()) / 1000;
  return ttlSeconds > 0 ? { key: revokedTokenKey(revocation.unit, revocation.jti), value: '1', ttlSeconds } : undefined;
}

/**
 * A unit's cut-off key (milliseconds since the epoch). It expires when the
 * last token it can revoke has expired: `maxTokenTtlSeconds` after it.
 */
export function unitCutoffEntry(cutoff: { unit: string; revokedBefore: Date }, now: Date, maxTokenTtlSeconds: number): HotEntry | undefined {
  const ttlSeconds = (cutoff.revokedBefore.getTime() + maxTokenTtlSeconds * 1000 - now.getTime()) / 1000;
  return ttlSeconds > 0 ? { key: unitCutoffKey(cutoff.unit), value: String(cutoff.revokedBefore.getTime()), ttlSeconds } : undefined;
}

/**
 * A revoked app's key: every token issued to it is refused. It expires when
 * the last token the app could have been issued before its revocation has
 * expired; the token endpoint issues none after.
 */
export function clientRevocationEntry(revocation: { clientId: string; revokedAt: Date }, now: Date, maxTokenTtlSeconds: number): HotEntry | undefined {
  const ttlSeconds = (revocation.revokedAt.getTime() + maxTokenTtlSeconds * 1000 - now.getTime()) / 1000;
  return ttlSeconds > 0 ? { key: revokedClientKey(revocation.clientId), value: String(revocation.revokedAt.getTime()), ttlSeconds } : undefined;
}

/** Writes the entries that are still in force, in one MULTI. */
export async function copyToHotState(hotState: HotState, entries: ReadonlyArray<HotEntry | undefined>): Promise<void> {
  await hotState.setMany(entries.filter((entry): entry is HotEntry => entry !== undefined));
}
