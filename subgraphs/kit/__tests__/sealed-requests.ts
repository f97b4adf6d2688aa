import { generateKeyPair } from 'jose';
import { contextKeysOf, type ContextKeys } from '../../../platform/context-keys';
import { ContextSealer } from '../../../platform/context-sealer';
import { createMemoryHotState, type HotState } from '../../../platform/hot-state';
import type { RequestContextClaims } from '../../../platform/signed-context';
import type { SubgraphServerOptions } from '../serve-subgraph';
import { silentLogger } from './test-permissions';

/**
 * The gateway's side of the sealed context for subgraph tests: fresh keys, a
 * hot state of its own, and a sealer that posts a request to a subgraph as
 * the gateway would (seal, and the assertion once when asked for it).
 */
export interface SealedRequests {
  readonly keys: ContextKeys;
  readonly hotState: HotState;
  readonly sealer: ContextSealer;
  /** What serveSubgraph needs to accept this sealer's requests. */
  readonly serveOptions: SubgraphServerOptions;
  post(url: string, audience: string, claims: RequestContextClaims, body: object): Promise<Response>;
}

export async function sealedRequests(): Promise<SealedRequests> {
  const keys = contextKeysOf(await generateKeyPair('EdDSA'));
  const hotState = createMemoryHotState('test:');
  const sealer = new ContextSealer(keys, { fetchTtlSeconds: 60, assertionTtlSeconds: 3_600 });
  return {
    keys,
    hotState,
    sealer,
    serveOptions: { contextKeys: keys, hotState, logger: silentLogger, port: 0, host: '127.0.0.1' },
    post: (url, audience, claims, body) => sealer.fetch(url, audience, claims, JSON.stringify(body)),
  };
}
