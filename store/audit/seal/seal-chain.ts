import type { KeyPair } from '../../../platform/keys';
import type { Pool } from 'pg';
import type { Clock } from '../../../platform/clock';
import { verifyAuditChain } from '../verify-chain';
import { readChainHead } from './chain-head';
import { checkAgainstSeal, describeSealCheck } from './check-seal';
import type { SealLog } from './seal-log';
import { signSeal, type SealLine, type SealPayload, type SealReason } from './seal-record';

export interface AuditSealerOptions {
  readonly pool: Pool;
  readonly log: SealLog;
  readonly keys: KeyPair;
  readonly clock: Clock;
  /** Asks a time-stamping authority for a token over the JWS (store/audit/seal/tsa-client); unset = none. */
  readonly timestamp?: (jws: string) => Promise<string>;
}

/** A seal refused because the trail no longer matches the last one: sealing it would bless the cut. */
export class SealRefusedError extends Error {}

export interface AuditSealer {
  /**
   * Seals the chain's head. Before sealing, the last seal must still hold and
   * the entries after it must link to it; otherwise SealRefusedError, so a
   * cut tail is never covered by a fresh seal. A scheduled seal of a head
   * already sealed is skipped (null): the record grows with the trail, not
   * with the clock. An empty trail is not sealed. A 'restore' seal skips the
   * checks: it starts the record again from a restored backup and names what
   * was lost.
   */
  seal(reason: SealReason, lost?: SealPayload['lost']): Promise<SealLine | null>;
}

export function createAuditSealer(options: AuditSealerOptions): AuditSealer {
  const { pool, log, keys } = options;
  if (!keys.privateKey) throw new Error('sealing needs the audit-seal key with its private half (AUDIT_SEAL_SIGNING_KEY)');
  const privateKey = keys.privateKey;
  return {
    async seal(reason, lost) {
      const head = await readChainHead(pool);
      if (!head) return null;
      if (reason !== 'restore') {
        const check = await checkAgainstSeal(pool, log, keys.publicKey);
        if (check.kind !== 'held' && check.kind !== 'unsealed') throw new SealRefusedError(`not sealing: ${describeSealCheck(check)}`);
        if (check.kind === 'held') {
          if (reason === 'scheduled' && check.seal.seq === head.seq) return null;
          const since = await verifyAuditChain(pool, { after: check.seal, upTo: head.seq });
          if (!since.ok) throw new SealRefusedError(`not sealing: entry #${since.brokenAt.seq} after the last seal fails (${since.brokenAt.reason})`);
        }
      }
      const payload: SealPayload = {
        seq: head.seq, hash: head.hash, sealedAt: options.clock.now().toISOString(), reason, ...(lost ? { lost } : {}),
      };
      const jws = await signSeal(payload, privateKey);
      const timestampToken = options.timestamp ? await options.timestamp(jws) : undefined;
      const line: SealLine = { ...payload, jws, ...(timestampToken ? { timestampToken } : {}) };
      await log.append(line);
      return line;
    },
  };
}
