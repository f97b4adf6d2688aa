import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { Counter, Histogram } from 'prom-client';
import type { ErrorShape } from '../../policies/errors';
import { maskError } from '../graphql-errors';

/**
 * Requests and refusals, on the gateway and on every subgraph (`part`):
 * requests by operation and outcome (OK, or the first error's code as the
 * client sees it), latency by operation type, and each refusal by its code
 * and catalog resource. Operation names come from clients, so only
 * well-formed ones are labels, and only the first MAX_OPERATION_NAMES of
 * them: a client inventing names cannot grow the metrics without bound.
 */
const requests = new Counter({
  name: 'edupool_graphql_requests_total',
  help: 'GraphQL requests answered, by part, operation name and outcome (OK or the first error code)',
  labelNames: ['part', 'operation', 'outcome'] as const,
});

const requestSeconds = new Histogram({
  name: 'edupool_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL request to sending its response, by part and operation type',
  labelNames: ['part', 'operation_type'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

const refusals = new Counter({
  name: 'edupool_refusals_total',
  help: 'Refusals sent to clients, by part, error code and catalog resource (empty when the refusal names none)',
  labelNames: ['part', 'code', 'resource'] as const,
});

const MAX_OPERATION_NAMES = 200;
const knownNames = new Set<string>();

function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'invalid';
  if (knownNames.has(name)) return name;
  if (knownNames.size >= MAX_OPERATION_NAMES) return 'other';
  knownNames.add(name);
  return name;
}

/** The code a client sees for this error (masking applied), and the resource it names. */
function clientCode(error: GraphQLFormattedError): { code: string; resource: string } {
  const masked = maskError(error, '');
  const resource = masked.extensions?.resource;
  return { code: String(masked.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), resource: typeof resource === 'string' ? resource : '' };
}

/** Counts a refusal answered before GraphQL ran (bad token, rate limit, oversized body…) as a request and a refusal. */
export function countEarlyRefusal(part: string, shape: ErrorShape): void {
  const resource = typeof shape.extensions.resource === 'string' ? shape.extensions.resource : '';
  requests.inc({ part, operation: 'unknown', outcome: shape.extensions.code });
  refusals.inc({ part, code: shape.extensions.code, resource });
}

export function requestMetricsPlugin<TContext extends BaseContext>(part: string): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const stop = requestSeconds.startTimer({ part });
      return {
        async willSendResponse({ response, operation, operationName }) {
          stop({ operation_type: operation?.operation ?? 'unknown' });
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors ?? [] : [];
          const coded = errors.map(clientCode);
          requests.inc({ part, operation: operationLabel(operationName), outcome: coded[0]?.code ?? 'OK' });
          for (const { code, resource } of coded) {
            if (code !== 'INTERNAL_SERVER_ERROR') refusals.inc({ part, code, resource });
          }
        },
      };
    },
  };
}
