import { createHash } from 'node:crypto';

/**
 * A record's fixed key for the cell-key method (policies/statistics/cell-key.ts):
 * the first byte of MD5(secret ‖ record id), in [0, 256). SQL computes the
 * same as `get_byte(decode(md5(secret || id), 'hex'), 0)`, so the legacy
 * database can sum keys in its GROUP BY. MD5 serves as a keyed pseudo-random
 * function here, not as a signature: nobody ever sees a key, and without
 * the secret (configuration, never the catalog) the keys cannot be computed.
 */
export function recordKey(secret: string, recordId: string): number {
  return createHash('md5').update(secret + recordId).digest()[0]!;
}

/** The SQL of the same key, given the placeholder of the secret and the id column. */
export function recordKeySql(secretPlaceholder: string, idColumn: string): string {
  return `get_byte(decode(md5(${secretPlaceholder} || ${idColumn}), 'hex'), 0)`;
}
