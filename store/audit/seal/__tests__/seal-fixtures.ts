import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { Pool } from 'pg';
import { SIGNING_ALGORITHM, type KeyPair } from '../../../../platform/keys';
import { sealLog, type SealLog } from '../seal-log';

/** A seal folder of the test's own and a fresh audit-seal key pair (JWKs too, for the CLI's environment). */
export interface SealFixture {
  readonly dir: string;
  readonly log: SealLog;
  readonly keys: KeyPair;
  readonly publicJwk: string;
  remove(): Promise<void>;
}

export async function createSealFixture(): Promise<SealFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'edupool-seal-'));
  const pair = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519', extractable: true });
  return {
    dir,
    log: sealLog(dir),
    keys: pair,
    publicJwk: JSON.stringify(await exportJWK(pair.publicKey)),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * What someone with the database's superuser could do without any ALTER
 * TABLE: replica mode skips the append-only triggers for the session.
 */
export async function cutTail(pool: Pool, fromSeq: number): Promise<void> {
  // One transaction: a verifier running beside the cut (the watch's schedule) sees the whole trail or the cut one,
  // never entries whose record sets are already gone (that reads as a hash mismatch, not a missing tail).
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query('DELETE FROM audit_record_sets WHERE audit_seq >= $1', [fromSeq]);
    await client.query('DELETE FROM audit_entries WHERE seq >= $1', [fromSeq]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
