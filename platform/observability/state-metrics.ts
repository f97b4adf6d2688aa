import { Counter, Gauge, Histogram } from 'prom-client';
import type { HotState } from '../hot-state';

/**
 * Metrics of the pool's shared state: which hot state a process runs on and
 * whether it answers, the audit trail's commits, and the gateway's cache of
 * worked-out permissions. Read at scrape time where a value already exists.
 */
/** Hot states in use, with how many parts of this process use each (the gateway and governance may share one). */
const watched = new Map<HotState, number>();

new Gauge({
  name: 'edupool_hot_state_mode',
  help: 'The shared hot state this process uses: 1 for its mode (memory, redis or redis-cluster)',
  labelNames: ['mode'] as const,
  collect() {
    this.reset();
    for (const hotState of watched.keys()) this.set({ mode: hotState.kind }, 1);
  },
});

new Gauge({
  name: 'edupool_hot_state_available',
  help: '1 while the shared hot state answers commands, 0 while it is unreachable (the pool then serves from PostgreSQL)',
  collect() {
    const states = [...watched.keys()];
    this.set(states.length > 0 && states.every((hotState) => hotState.isAvailable()) ? 1 : 0);
  },
});

/** Reports this hot state in the metrics until every part that watches it has called the function returned. */
export function watchHotState(hotState: HotState): () => void {
  watched.set(hotState, (watched.get(hotState) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const users = (watched.get(hotState) ?? 1) - 1;
    if (users > 0) watched.set(hotState, users);
    else watched.delete(hotState);
  };
}

const auditCommitSeconds = new Histogram({
  name: 'edupool_audit_commit_duration_seconds',
  help: 'Time from appending an audit entry to its commit in the governance store (the client waits for it)',
  labelNames: ['outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

const auditQueueDepth = new Gauge({
  name: 'edupool_audit_queue_depth',
  help: 'Audit entries appended and not yet committed or refused',
});

/** Wraps an audit log's append so each entry's wait for its commit is measured and counted while it waits. */
export function measuredAppend<T>(append: (entry: T) => Promise<void>): (entry: T) => Promise<void> {
  return async (entry) => {
    auditQueueDepth.inc();
    const stop = auditCommitSeconds.startTimer();
    try {
      await append(entry);
      stop({ outcome: 'committed' });
    } catch (error) {
      stop({ outcome: 'failed' });
      throw error;
    } finally {
      auditQueueDepth.dec();
    }
  };
}

const permissionLookups = new Counter({
  name: 'edupool_permission_cache_lookups_total',
  help: 'Requests whose permissions the gateway found worked out already (hit) or had to work out (miss)',
  labelNames: ['result'] as const,
});

export function countPermissionLookup(hit: boolean): void {
  permissionLookups.inc({ result: hit ? 'hit' : 'miss' });
}
