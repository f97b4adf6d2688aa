import { LRUCache } from 'lru-cache';
import type { ContextKeys } from '../../platform/context-keys';
import { HotStateUnavailable, type HotState } from '../../platform/hot-state';
import { ASSERTION_EXTENSION, verifyAssertion } from '../../platform/permissions-assertion';
import { ContextRejected, openSeal } from '../../platform/signed-context';
import type { Permissions } from '../../policies/permissions/types';
import { baseContextOf, parseWirePermissions, PermissionsRejected } from './base-context';
import type { BaseSubgraphContext } from './subgraph-definition';

/** The subgraph does not hold the permissions the seal names: the gateway is to send their assertion once. */
export class AssertionRequired extends ContextRejected {
  constructor(readonly digest: string) {
    super('permissions assertion required');
  }
}

// Seals seen while the shared hot state was unreachable: at most a minute's worth of fetches (CONTEXT_TTL_SECONDS).
const LOCAL_SEALS_KEPT = 100_000;

// Distinct permissions in use at once: a few per active unit. Past the bound the least recent is dropped and asked for again.
const PERMISSIONS_KEPT = 2_000;

/**
 * A subgraph's half of the sealed context. In order: the seal must verify
 * under this subgraph's key and match the raw body; its permissions are
 * looked up by digest, or verified once from the assertion the body carries
 * and kept (parsed, frozen) until the assertion expires; then the seal's id
 * is recorded in the shared hot state (SET NX, expiring with the seal), so a
 * captured fetch is refused by every instance of this subgraph, and by this
 * one, whichever saw it first. While the hot state cannot be reached, the
 * ids go to this instance's own memory instead: a replay at this instance is
 * still refused, one at another instance is not until the hot state is back
 * (the pool keeps serving through a Redis outage, as the token denylist does
 * by reading PostgreSQL; a replay needs a fetch captured on the internal hop
 * within its seal's minute). The fallback is logged and counted by the caller.
 */
export class ContextOpener {
  private readonly permissions = new LRUCache<string, Permissions>({ max: PERMISSIONS_KEPT });
  private readonly localSeals = new LRUCache<string, true>({ max: LOCAL_SEALS_KEPT });

  constructor(
    private readonly subgraph: string,
    private readonly keys: ContextKeys,
    private readonly hotState: HotState,
    private readonly now: () => number = Date.now,
  ) {}

  async open(header: string | undefined, rawBody: string, body: unknown): Promise<BaseSubgraphContext> {
    const seal = await openSeal(this.keys.fetchKey(this.subgraph), this.subgraph, header, rawBody);
    if (!seal.permissionsDigest) throw new PermissionsRejected('gateway context without permissions');
    const base = baseContextOf(seal.claims, await this.permissionsFor(seal.permissionsDigest, body));
    await this.recordOnce(seal.nonce, seal.expiresAtMs);
    return base;
  }

  private async permissionsFor(digest: string, body: unknown): Promise<Permissions> {
    const known = this.permissions.get(digest);
    if (known) return known;
    const token = (body as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[ASSERTION_EXTENSION];
    if (token === undefined) throw new AssertionRequired(digest);
    const assertion = await verifyAssertion(this.keys.assertion, this.subgraph, token);
    if (assertion.digest !== digest) throw new ContextRejected('permissions assertion for other permissions than the seal names');
    const permissions = parseWirePermissions(assertion.wire);
    this.permissions.set(digest, permissions, { ttl: Math.max(1, assertion.expiresAtMs - this.now()) });
    return permissions;
  }

  private async recordOnce(nonce: string, expiresAtMs: number): Promise<void> {
    const ttlMs = Math.max(1_000, expiresAtMs - this.now());
    // A seal seen here during an outage stays refused here after it, whatever the hot state says.
    if (this.localSeals.has(nonce)) throw new ContextRejected('gateway context replayed');
    let first: boolean;
    try {
      first = await this.hotState.setIfAbsent(`fetch-seal:${this.subgraph}:${nonce}`, '1', ttlMs / 1000);
    } catch (error) {
      if (!(error instanceof HotStateUnavailable)) throw error;
      this.localSeals.set(nonce, true, { ttl: ttlMs });
      return;
    }
    if (!first) throw new ContextRejected('gateway context replayed');
  }
}
