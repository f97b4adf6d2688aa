import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { AuditEntryInput } from '../../platform/cross-part-types';
import { toAuditContent, type AuditContent } from './audit-entry';
import { writeAuditBatch } from './write-audit-batch';

export interface AuditLogOptions {
  readonly clock: Clock;
  readonly logger: Pick<Logger, 'error'>;
  /** Most entries in one transaction (default 200). */
  readonly maxBatch?: number;
  /** Longest an entry waits for others to join its batch (default 5 ms). */
  readonly maxWaitMs?: number;
}

export interface AuditLogStats {
  /** Entries committed. */
  readonly entries: number;
  /** Transactions committed. */
  readonly batches: number;
  /** Transactions that failed (their entries' appends were rejected). */
  readonly failedBatches: number;
}

export interface AuditLog {
  /**
   * Resolves once the entry is committed; rejects if its batch could not be
   * written, and the gateway then answers with an error instead of serving
   * unaudited data. The entry's time is the clock's at the call.
   */
  append(entry: AuditEntryInput): Promise<void>;
  /** Resolves when every entry appended so far has been written or refused. */
  flush(): Promise<void>;
  /** Flushes, then refuses further appends. Does not end the pool (the store owns it). */
  close(): Promise<void>;
  stats(): AuditLogStats;
}

interface Waiter {
  readonly content: AuditContent;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The audit trail's writer (group commit). Concurrent appends are collected
 * for up to maxWaitMs or maxBatch entries and written in one transaction, so
 * a busy gateway pays one commit per batch instead of one per request. One
 * batch is in flight per process at a time; appends that arrive meanwhile form
 * the next batch, which starts as soon as the current one settles.
 */
export function createAuditLog(pool: Pool, options: AuditLogOptions): AuditLog {
  const maxBatch = options.maxBatch ?? 200;
  const maxWaitMs = options.maxWaitMs ?? 5;
  const queue: Waiter[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let closed = false;
  const stats = { entries: 0, batches: 0, failedBatches: 0 };

  function schedule(): void {
    if (inFlight || queue.length === 0) return;
    if (queue.length >= maxBatch) {
      start();
    } else {
      timer ??= setTimeout(start, maxWaitMs);
    }
  }

  function start(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (inFlight || queue.length === 0) return;
    const batch = queue.splice(0, maxBatch);
    inFlight = writeAuditBatch(pool, batch.map((w) => w.content)).then(
      () => {
        stats.batches++;
        stats.entries += batch.length;
        for (const waiter of batch) waiter.resolve();
      },
      (error: unknown) => {
        stats.failedBatches++;
        options.logger.error({ err: error, entries: batch.length }, 'audit batch not written; its requests are answered with an error');
        for (const waiter of batch) waiter.reject(error);
      },
    ).finally(() => {
      inFlight = undefined;
      // Whatever queued during the flight has already waited at least that long.
      if (queue.length > 0) start();
    });
  }

  async function flush(): Promise<void> {
    while (inFlight || queue.length > 0) {
      if (!inFlight) start();
      await inFlight;
    }
  }

  return {
    append(entry) {
      if (closed) return Promise.reject(new Error('the audit log is closed'));
      let content: AuditContent;
      try {
        content = toAuditContent(entry, randomUUID(), options.clock.now());
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ content, resolve, reject });
        schedule();
      });
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
    stats: () => ({ ...stats }),
  };
}
