import { parsePermissions } from '../../policies/permissions';
import { ContextRejected, type RequestContextClaims } from '../../platform/signed-context';
import { RecordsServed } from './records-served';
import type { BaseSubgraphContext } from './subgraph-definition';

/**
 * The base of every subgraph request, built from a verified signed context.
 * Deny by default: a context without permissions, or with permissions that do
 * not parse, is refused like a missing context (the gateway signs permissions
 * into every fetch, so their absence means the caller is not the gateway we
 * know). Permissions are parsed once here; rules then only look them up.
 */
export class PermissionsRejected extends ContextRejected {}

export function createBaseContext(request: RequestContextClaims): BaseSubgraphContext {
  if (request.permissions === undefined) throw new PermissionsRejected('gateway context without permissions');
  let permissions;
  try {
    permissions = parsePermissions(request.permissions);
  } catch (error) {
    throw new PermissionsRejected(error instanceof Error ? error.message : 'gateway context with malformed permissions');
  }
  // Permissions decided for another unit than the one the context names are a gateway defect, never to be used.
  if (permissions.unit !== request.unit) throw new PermissionsRejected(`permissions of unit ${permissions.unit} in a context of unit ${request.unit}`);
  return { request, permissions, recordsServed: new RecordsServed() };
}
