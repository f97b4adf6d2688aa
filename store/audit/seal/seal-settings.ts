import * as path from 'node:path';
import type { Config } from '../../../platform/config';
import { loadKeyPair, type KeyPair } from '../../../platform/keys';
import { sealLog, type SealLog } from './seal-log';
import { timestampClient } from './tsa-client';

/**
 * Where seals go and the key they are signed with, from the configuration:
 * AUDIT_SEAL_DIR (default `<DATA_DIR>/audit-seal`), AUDIT_SEAL_SIGNING_KEY /
 * AUDIT_SEAL_VERIFY_KEY (default: generated into `<DATA_DIR>/keys`, never into
 * the database), AUDIT_TSA_URL for an RFC 3161 token on each seal.
 */
export interface SealSettings {
  readonly log: SealLog;
  readonly keys: KeyPair;
  readonly timestamp?: (jws: string) => Promise<string>;
}

export async function loadSealSettings(config: Config, needPrivate: boolean): Promise<SealSettings> {
  const keys = await loadKeyPair('audit-seal', {
    dataDir: config.DATA_DIR, signingJwk: config.AUDIT_SEAL_SIGNING_KEY, verifyJwk: config.AUDIT_SEAL_VERIFY_KEY,
  }, needPrivate);
  return {
    log: sealLog(config.AUDIT_SEAL_DIR ?? path.join(config.DATA_DIR, 'audit-seal')),
    keys,
    ...(config.AUDIT_TSA_URL ? { timestamp: timestampClient(config.AUDIT_TSA_URL) } : {}),
  };
}
