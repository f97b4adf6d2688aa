import type { GraphQLError } from 'graphql';
import type { ErrorShape } from '../../policies/errors';
import { toGraphQLError } from '../../platform/graphql-errors';

/**
 * A refusal of one field inside a subgraph. The shape's `http` status is
 * dropped: Apollo Server would make it the status of the whole subgraph
 * response, and the gateway then treats the fetch as failed — the message
 * ("only its providing unit … may") becomes "403: Forbidden" and the other
 * fields of the same fetch are lost. The gateway sets the client's status.
 */
export function fieldError(shape: ErrorShape): GraphQLError {
  const { http: _http, ...extensions } = shape.extensions;
  return toGraphQLError({ message: shape.message, extensions: { ...extensions, code: shape.extensions.code } });
}
