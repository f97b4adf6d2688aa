import { randomUUID } from 'node:crypto';
import { systemClock } from '../../platform/clock';
import { createLogger } from '../../platform/logger';
import { createAuditLog } from '../../store/audit/audit-log';
import { verifyAuditChain } from '../../store/audit/verify-chain';
import { openGovernanceStore } from '../../store';
import type { AuditEntryInput } from '../../platform/cross-part-types';
import { createTestDatabase } from '../../test/support/create-test-database';
import { spread, type Spread } from '../measure';

/**
 * Issue "share types enforced", bench 3: audited requests per second the
 * governance store commits (hash-chained, each before its response), with the
 * group commit the gateway uses against one transaction per entry, both on
 * the same throw-away store (PostgreSQL when DATABASE_URL is set, else PGlite),
 * `CONCURRENCY` requests in flight, interleaved round by round.
 */
const CONCURRENCY = 50;
const RECORDS_PER_ENTRY = 20;

export interface AuditThroughputFigures {
  readonly store: 'postgres' | 'pglite';
  readonly concurrency: number;
  readonly groupCommitPerSecond: Spread;
  readonly onePerTransactionPerSecond: Spread;
  readonly speedup: Spread;
  readonly chainIntact: boolean;
}

export async function runAuditThroughputBench(options: { seconds: number; rounds: number }): Promise<AuditThroughputFigures> {
  const database = await createTestDatabase('DATABASE_URL');
  const logger = createLogger('silent', 'bench');
  const store = await openGovernanceStore({
    ...(database.kind === 'postgres' ? { databaseUrl: database.url } : { dataDir: database.dataDir }),
    dataDir: database.kind === 'pglite' ? database.dataDir : '', clock: systemClock, logger,
  });
  try {
    const perSecond = async (maxBatch: number) => {
      const log = createAuditLog(store.pool, { clock: systemClock, logger, maxBatch, maxWaitMs: maxBatch === 1 ? 0 : 5 });
      const until = performance.now() + options.seconds * 1000;
      let appended = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) {
          await log.append(entry());
          appended += 1;
        }
      }));
      await log.close();
      return appended / options.seconds;
    };
    await perSecond(200);
    const grouped: number[] = [];
    const single: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      grouped.push(await perSecond(200));
      single.push(await perSecond(1));
      process.stderr.write(`audit round ${round + 1}: group commit ${grouped.at(-1)!.toFixed(0)}/s, one per transaction ${single.at(-1)!.toFixed(0)}/s\n`);
    }
    const chain = await verifyAuditChain(store.pool);
    return {
      store: database.kind,
      concurrency: CONCURRENCY,
      groupCommitPerSecond: spread(grouped),
      onePerTransactionPerSecond: spread(single),
      speedup: spread(grouped.map((g, i) => g / single[i]!)),
      chainIntact: chain.ok,
    };
  } finally {
    await store.close();
    await database.drop();
  }
}

function entry(): AuditEntryInput {
  const records = Array.from({ length: RECORDS_PER_ENTRY }, (_, i) => ({ type: 'Student' as const, id: `2144017078${String(i).padStart(6, '0')}`, grantIds: ['bench-grant'] }));
  return {
    requestId: randomUUID(), unit: 'GZGAJ', tokenId: randomUUID(), purpose: '户籍核查', operationHash: 'bench',
    served: ['Query.students', 'Student.id', 'Student.idNumber'], refused: [{ coordinate: 'Student.healthStatus', code: 'NOT_SHARED' }],
    recordCounts: { 'GZJY-XS-002': RECORDS_PER_ENTRY }, grantIds: ['bench-grant'], records,
  };
}
