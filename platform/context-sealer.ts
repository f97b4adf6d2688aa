import { LRUCache } from 'lru-cache';
import type { ContextKeys } from './context-keys';
import {
  ASSERTION_EXTENSION, ASSERTION_REQUIRED_HEADER, permissionsDigest, signAssertion,
} from './permissions-assertion';
import { CONTEXT_HEADER, sealFetch, type RequestContextClaims } from './signed-context';

export interface ContextSealerOptions {
  /** Life of one fetch's seal: long enough for the fetch, short enough to bound the replay records. */
  readonly fetchTtlSeconds: number;
  /** Life of a permissions assertion; it is signed again when less than a fetch's life is left. */
  readonly assertionTtlSeconds: number;
  readonly now?: () => number;
}

/** What the sealer reads of an answer: web fetch's Response and node-fetch's both have it. */
export interface SubgraphAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type Fetch<R extends SubgraphAnswer = Response> = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<R>;

const webFetch: Fetch = (url, init) => fetch(url, init);

interface CachedAssertion {
  readonly token: string;
  readonly expiresAtMs: number;
}

/**
 * The gateway's half of the sealed context: one object per gateway, used for
 * every subgraph. Permissions are digested once per wire object and signed
 * once per (digest, subgraph) while the assertion lives; each fetch gets its
 * own seal over the exact bytes sent. When a subgraph answers that it does
 * not know a digest, the fetch is sent once more with the assertion in the
 * body; a second such answer is returned as it is (a gateway defect to report).
 */
export class ContextSealer {
  private readonly digests = new WeakMap<object, string>();
  // A few entries per unit and subgraph at most; the bound only protects memory from a flood of distinct permissions.
  private readonly assertions = new LRUCache<string, CachedAssertion>({ max: 20_000 });
  private readonly now: () => number;

  constructor(private readonly keys: ContextKeys, private readonly options: ContextSealerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Sends one sealed POST of `rawBody` (the JSON text of a GraphQL request) to a subgraph. */
  async fetch<R extends SubgraphAnswer = Response>(
    url: string, audience: string, claims: RequestContextClaims, rawBody: string,
    init: { readonly headers?: Record<string, string>; readonly fetch?: Fetch<R> } = {},
  ): Promise<R> {
    const send = (init.fetch ?? webFetch) as Fetch<R>;
    const digest = claims.permissions === undefined ? undefined : this.digestOf(claims.permissions);
    const post = async (body: string) => send(url, {
      method: 'POST',
      headers: {
        ...init.headers,
        'content-type': 'application/json',
        [CONTEXT_HEADER]: await sealFetch(this.keys.fetchKey(audience), audience, claims, digest, body, this.options.fetchTtlSeconds),
      },
      body,
    });
    const first = await post(rawBody);
    if (first.status !== 401 || digest === undefined || first.headers.get(ASSERTION_REQUIRED_HEADER) !== digest) return first;
    await first.text();
    const assertion = await this.assertionFor(audience, claims.permissions, digest);
    return post(withExtension(rawBody, assertion));
  }

  private digestOf(wire: unknown): string {
    if (typeof wire !== 'object' || wire === null) return permissionsDigest(wire);
    let digest = this.digests.get(wire);
    if (!digest) {
      digest = permissionsDigest(wire);
      this.digests.set(wire, digest);
    }
    return digest;
  }

  private async assertionFor(audience: string, wire: unknown, digest: string): Promise<string> {
    const key = `${audience}\u0000${digest}`;
    const cached = this.assertions.get(key);
    if (cached && cached.expiresAtMs - this.now() > this.options.fetchTtlSeconds * 1000) return cached.token;
    const ttl = this.options.assertionTtlSeconds;
    const token = await signAssertion(this.keys.assertion, audience, wire, digest, ttl);
    this.assertions.set(key, { token, expiresAtMs: this.now() + ttl * 1000 });
    return token;
  }
}

function withExtension(rawBody: string, assertion: string): string {
  const body = JSON.parse(rawBody) as { extensions?: Record<string, unknown> };
  return JSON.stringify({ ...body, extensions: { ...body.extensions, [ASSERTION_EXTENSION]: assertion } });
}
