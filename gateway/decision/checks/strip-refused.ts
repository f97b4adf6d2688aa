import { createHash } from 'node:crypto';
import { Kind, print, type OperationDefinitionNode } from 'graphql';
import { stripRefusedFields } from '../../enforcement/strip-refused-fields';
import type { RequestCheck } from '../request-decision';

/**
 * Removes what the permissions refuse from the operation before the gateway
 * plans it (DESIGN.md "Decide once, enforce everywhere"), so a refused field
 * costs no fetch; the admission records what was refused and what is served.
 */
export const stripRefused: RequestCheck = (input, admitted) => {
  const { permissions } = admitted;
  const stripped = stripRefusedFields(input.schema, input.document, input.operationName, (c) => permissions.coordinates[c]);
  const changed = stripped.document !== input.document;
  const operation = changed
    ? stripped.document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION) ?? input.operation
    : input.operation;
  return {
    ...admitted,
    strippedDocument: stripped.document,
    strippedOperation: operation,
    strippedQueryHash: changed ? createHash('sha256').update(print(stripped.document)).digest('hex') : admitted.strippedQueryHash,
    refusedCoordinates: stripped.refused,
    servedCoordinates: stripped.served,
    placeholders: stripped.placeholders,
  };
};
