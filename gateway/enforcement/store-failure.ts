import { errors, type ErrorShape } from '../../policies/errors';
import { isStoreUnavailable } from '../../platform/store-unavailable';
import { RETRY_AFTER_SECONDS } from '../../platform/unavailable-answer';
import { GraphQLError } from 'graphql';

/**
 * What the client is told when the governance store failed a look-up the
 * gateway needs (grants, the audit append, open objections): a store that is
 * not there is UPSTREAM_UNAVAILABLE, to retry later (HTTP 503); anything else
 * is our defect, INTERNAL_SERVER_ERROR with the request id.
 */
export function storeFailureShape(error: unknown, requestId: string): ErrorShape {
  return isStoreUnavailable(error) ? errors.upstreamUnavailable('governance') : errors.internal(requestId);
}

/** The same, thrown from a request hook: Apollo answers it with the HTTP status the error carries (503 + Retry-After). */
export function storeFailureError(error: unknown, requestId: string): GraphQLError {
  const shape = storeFailureShape(error, requestId);
  const unavailable = shape.extensions.code === 'UPSTREAM_UNAVAILABLE';
  return new GraphQLError(shape.message, {
    extensions: {
      ...shape.extensions,
      ...(unavailable ? { http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) } } : {}),
    },
  });
}
