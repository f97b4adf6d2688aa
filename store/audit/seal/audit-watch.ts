import type { Pool } from 'pg';
import { Gauge } from 'prom-client';
import type { Clock } from '../../../platform/clock';
import type { Logger } from '../../../platform/logger';
import { recordAuditVerification, sealHolds } from '../audit-verifications';
import { verifyAuditChain } from '../verify-chain';
import { checkAgainstSeal, describeSealCheck } from './check-seal';
import { createAuditSealer, SealRefusedError } from './seal-chain';
import type { SealSettings } from './seal-settings';

// On the default registry, so they show on /metrics beside the other parts' figures.
const intact = new Gauge({
  name: 'edupool_audit_trail_intact',
  help: 'Last scheduled verification of the audit trail: 1 when the hash chain links and the trail matches its last seal, 0 when not.',
});
const verifiedAt = new Gauge({
  name: 'edupool_audit_trail_verified_timestamp_seconds',
  help: 'When the audit trail was last verified (Unix time); alert when it falls behind.',
});
const sealedSeq = new Gauge({
  name: 'edupool_audit_trail_sealed_seq',
  help: 'Sequence number of the audit chain head last sealed outside the database.',
});

export interface AuditWatchOptions {
  readonly pool: Pool;
  readonly seal: SealSettings;
  readonly clock: Clock;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** AUDIT_SEAL_INTERVAL_SECONDS, in ms. */
  readonly sealEveryMs: number;
  /** AUDIT_VERIFY_INTERVAL_SECONDS, in ms; 0 = no scheduled verification. */
  readonly verifyEveryMs: number;
}

export interface AuditWatch {
  sealNow(): Promise<void>;
  verifyNow(): Promise<boolean>;
  /** Stops the timers, waits for a run in flight, and seals the head one last time. */
  close(): Promise<void>;
}

/**
 * The pool's watch over its audit trail (issue 11, item 3): seals the chain
 * head on a schedule (never over a trail that no longer matches its last
 * seal), and on another verifies the whole chain and holds it against the
 * last seal; each verification is recorded (supervision shows the last) and
 * sets the gauges. A failed run is logged and tried again next time: the
 * trail's writers never wait on it.
 */
export function startAuditWatch(options: AuditWatchOptions): AuditWatch {
  const { pool, seal, clock, logger } = options;
  const sealer = createAuditSealer({
    pool, log: seal.log, keys: seal.keys, clock, ...(seal.timestamp ? { timestamp: seal.timestamp } : {}),
  });
  let running: Promise<unknown> = Promise.resolve();
  // One run at a time: a verification must not race the seal it is about to read.
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work);
    running = next.catch(() => undefined);
    return next;
  };

  const sealNow = () => serially(async () => {
    try {
      const line = await sealer.seal('scheduled');
      if (line) sealedSeq.set(Number(line.seq));
    } catch (error) {
      if (error instanceof SealRefusedError) intact.set(0);
      throw error;
    }
  });
  const verifyNow = () => serially(async () => {
    const chain = await verifyAuditChain(pool);
    const check = await checkAgainstSeal(pool, seal.log, seal.keys.publicKey);
    await recordAuditVerification(pool, chain, clock.now(), check);
    const ok = chain.ok && sealHolds(check);
    intact.set(ok ? 1 : 0);
    verifiedAt.set(clock.now().getTime() / 1000);
    if (!ok) logger.error({ chain, seal: describeSealCheck(check) }, 'audit trail verification failed');
    return ok;
  });

  const every = (ms: number, run: () => Promise<unknown>, what: string): NodeJS.Timeout | undefined => {
    if (ms <= 0) return undefined;
    const timer = setInterval(() => {
      run().catch((error: unknown) => logger.warn({ err: error }, `audit ${what} did not run; trying again next time`));
    }, ms);
    // The watch never keeps a process alive on its own.
    timer.unref();
    return timer;
  };
  const timers = [every(options.sealEveryMs, sealNow, 'seal'), every(options.verifyEveryMs, verifyNow, 'verification')];
  // At start, what happened while the pool was stopped is checked before anything new is sealed.
  if (options.verifyEveryMs > 0) {
    verifyNow().then(sealNow).catch((error: unknown) => logger.warn({ err: error }, 'audit trail not verified at start'));
  }

  return {
    sealNow,
    verifyNow,
    async close() {
      for (const timer of timers) if (timer) clearInterval(timer);
      await running;
      await sealNow().catch((error: unknown) => logger.warn({ err: error }, 'audit head not sealed at shutdown'));
    },
  };
}
