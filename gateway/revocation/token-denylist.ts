import type { Clock } from '../../platform/clock';
import {
  clientRevocationEntry, copyToHotState, DENYLIST_READY_KEY, HotStateUnavailable, revokedClientKey, revokedTokenKey, tokenRevocationEntry,
  unitCutoffEntry, unitCutoffKey, type HotState,
} from '../../platform/hot-state';
import type { Logger } from '../../platform/logger';
import { MAX_TOKEN_TTL_SECONDS } from '../../policies/token-revocation';
import type { TokenIdentity, TokenRevocationsRepository } from '../../store';

/**
 * Is this token revoked? Asked once per gateway request, after the signature.
 *
 * - `hot` (one process, or a Redis shared by every instance): one MGET on the
 *   hot state's copy, trusted only while it is known complete: after this
 *   gateway copied the store into it (sentinel key set), and until Redis fails,
 *   reconnects or is found without its sentinel (flushed, restarted empty).
 *   While it is not trusted, PostgreSQL answers and the copy is rebuilt in
 *   the background as soon as Redis answers.
 * - `store` (separate processes without Redis: nothing is shared but
 *   PostgreSQL): PostgreSQL answers every request.
 *
 * Fail closed: when neither can answer, DenylistUnavailable is thrown and the
 * request is refused. There is no per-instance cache, so nothing here can
 * make a revocation slower to take effect than the Redis write that copies it.
 */
export interface TokenDenylist {
  isRevoked(token: TokenIdentity): Promise<boolean>;
  /** Starts the background work (first copy, backstop poll, resync subscription). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export class DenylistUnavailable extends Error {}

export interface TokenDenylistOptions {
  readonly mode: 'hot' | 'store';
  readonly hotState: HotState;
  readonly store: TokenRevocationsRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How often the store's change mark is read, to copy revocations whose Redis write was lost. */
  readonly backstopMs: number;
}

export const DENYLIST_CHANNEL = 'denylist';

export function createTokenDenylist(options: TokenDenylistOptions): TokenDenylist {
  const { hotState, store, clock } = options;
  const log = options.logger.child({ part: 'token-denylist' });
  let trusted = false;
  let rebuilding: Promise<void> | undefined;
  let lastMark: string | undefined;
  let stopped = false;
  const closers: Array<() => Promise<void> | void> = [];

  const distrust = (why: string) => {
    if (trusted) log.warn(`denylist copy in Redis not trusted (${why}); PostgreSQL answers until it is rebuilt`);
    trusted = false;
  };
  const rebuild = () => (rebuilding ??= (async () => {
    const now = clock.now();
    const mark = await store.changeMark();
    const { tokens, cutoffs, clients } = await store.inForce(now);
    // One MULTI with the sentinel: a FLUSHDB cannot fall between the copy and the sentinel that vouches for it.
    await copyToHotState(hotState, [
      ...tokens.map((revocation) => tokenRevocationEntry(revocation, now)),
      ...cutoffs.map((cutoff) => unitCutoffEntry(cutoff, now, MAX_TOKEN_TTL_SECONDS)),
      ...clients.map((client) => clientRevocationEntry(client, now, MAX_TOKEN_TTL_SECONDS)),
      { key: DENYLIST_READY_KEY, value: now.toISOString() },
    ]);
    lastMark = mark;
    if (!trusted) log.info({ tokens: tokens.length, cutoffs: cutoffs.length, clients: clients.length }, 'denylist copied from PostgreSQL into the hot state');
    trusted = true;
  })().catch((error: unknown) => {
    log.warn({ err: error }, 'denylist not copied into the hot state; retrying');
  }).finally(() => {
    rebuilding = undefined;
  }));
  // Tried at once, then every 250 ms until the copy is complete again (the command connection may come back a
  // moment after the subscriber's); while Redis is down an attempt costs nothing: it is not even tried.
  let retry: NodeJS.Timeout | undefined;
  const rebuildUntilTrusted = () => {
    if (options.mode === 'store' || stopped || trusted || retry) return;
    if (hotState.isAvailable()) void rebuild();
    retry = setTimeout(() => {
      retry = undefined;
      rebuildUntilTrusted();
    }, 250);
    retry.unref();
  };

  const fromHotState = async (token: TokenIdentity): Promise<boolean | undefined> => {
    try {
      const keys = [DENYLIST_READY_KEY, revokedTokenKey(token.unit, token.jti), unitCutoffKey(token.unit)];
      const [ready, revoked, cutoff, client] = await hotState.getMany(...keys, ...(token.client ? [revokedClientKey(token.client)] : []));
      if (ready === undefined) {
        distrust('sentinel missing: Redis was flushed or restarted empty');
        return undefined;
      }
      return revoked !== undefined || client !== undefined || (cutoff !== undefined && token.issuedAt.getTime() <= Number(cutoff));
    } catch (error) {
      if (!(error instanceof HotStateUnavailable)) throw error;
      distrust('Redis unavailable');
      return undefined;
    }
  };

  return {
    async isRevoked(token) {
      if (options.mode === 'hot' && trusted) {
        const answer = await fromHotState(token);
        if (answer !== undefined) return answer;
      }
      rebuildUntilTrusted();
      try {
        return await store.isRevoked(token, clock.now());
      } catch (error) {
        log.error({ err: error }, 'token denylist unavailable in Redis and PostgreSQL; refusing the request');
        throw new DenylistUnavailable('neither the hot state nor the governance store can say whether the token is revoked');
      }
    },
    async start() {
      if (options.mode === 'store') return;
      // A reconnect may follow a Redis restart or a window in which revocations could not be copied: copy again.
      closers.push(await hotState.subscribe(DENYLIST_CHANNEL, () => undefined, () => {
        distrust('Redis reconnected');
        rebuildUntilTrusted();
      }));
      await rebuild();
      const poll = setInterval(() => {
        store.changeMark().then((mark) => {
          if (mark !== lastMark && hotState.isAvailable()) void rebuild();
        }, () => undefined);
      }, options.backstopMs);
      poll.unref();
      closers.push(() => clearInterval(poll));
    },
    async close() {
      stopped = true;
      clearTimeout(retry);
      for (const close of closers.splice(0)) await close();
      await rebuilding;
    },
  };
}
