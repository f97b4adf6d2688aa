import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';

/** Where the hot state's Redis is: one server (`REDIS_URL`) or the seed nodes of a Redis Cluster (`REDIS_CLUSTER_NODES`). */
export type RedisTarget =
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'redis-cluster'; readonly nodes: ReadonlyArray<string> };

export interface RedisConnections {
  /** Commands, with the hot state's key prefix applied. */
  readonly commands: Redis | Cluster;
  /** Publish/subscribe only, without a prefix (channels are prefixed by hand). */
  readonly subscriber: Redis | Cluster;
}

/**
 * The two connections the hot state needs, to one server or to a cluster.
 * On a cluster, ioredis follows MOVED/ASK redirections and the slot map;
 * every multi-key command the pool sends (MGET, MULTI, DEL of several keys)
 * names keys of one hash tag, so it goes to one node (see
 * token-denylist-keys.ts). PUBLISH on a cluster reaches the subscribers on
 * every node, so one subscriber connection to any node hears all notices.
 */
export function openRedisConnections(target: RedisTarget, keyPrefix: string, commandTimeoutMs: number): RedisConnections {
  const connections = construct(target, keyPrefix, commandTimeoutMs);
  // A connection without an 'error' listener throws a dropped socket into whatever runs next; availability is tracked by the hot state.
  connections.commands.on('error', () => undefined);
  connections.subscriber.on('error', () => undefined);
  return connections;
}

function construct(target: RedisTarget, keyPrefix: string, commandTimeoutMs: number): RedisConnections {
  const options: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  };
  // Subscribers queue their SUBSCRIBE until connected and are resubscribed by ioredis after a reconnect.
  const subscriberOptions: RedisOptions = { ...options, enableOfflineQueue: true, commandTimeout: undefined };
  if (target.kind === 'redis') {
    return {
      commands: new Redis(target.url, { ...options, keyPrefix }),
      subscriber: new Redis(target.url, subscriberOptions),
    };
  }
  const nodes = target.nodes.map(clusterNode);
  const clusterRetry = (attempt: number) => Math.min(attempt * 100, 2_000);
  return {
    commands: new Cluster(nodes, {
      keyPrefix, enableOfflineQueue: false, clusterRetryStrategy: clusterRetry, redisOptions: options,
    }),
    subscriber: new Cluster(nodes, {
      enableOfflineQueue: true, clusterRetryStrategy: clusterRetry, redisOptions: subscriberOptions,
    }),
  };
}

function clusterNode(hostAndPort: string): ClusterNode {
  const separator = hostAndPort.lastIndexOf(':');
  return { host: hostAndPort.slice(0, separator), port: Number(hostAndPort.slice(separator + 1)) };
}
