import { parsePermissions } from '../../policies/permissions';
import type { Permissions } from '../../policies/permissions/types';
import { ContextRejected, type FetchClaims, type RequestContextClaims } from '../../platform/signed-context';
import { RecordsServed } from './records-served';
import type { BaseSubgraphContext } from './subgraph-definition';

/**
 * The base of every subgraph request, built from a verified sealed context.
 * Deny by default: missing permissions, or permissions that do not parse, are
 * refused like a missing context (the gateway asserts permissions for every
 * fetch, so their absence means the caller is not the gateway we know).
 * Over HTTP, permissions are parsed (and frozen) once per assertion
 * (context-opener.ts); rules then only look them up.
 */
export class PermissionsRejected extends ContextRejected {}

export function parseWirePermissions(wire: unknown): Permissions {
  try {
    return parsePermissions(wire);
  } catch (error) {
    throw new PermissionsRejected(error instanceof Error ? error.message : 'gateway context with malformed permissions');
  }
}

/** The base from claims and permissions already checked against each other. */
export function baseContextOf(request: FetchClaims, permissions: Permissions): BaseSubgraphContext {
  if (permissions.unit !== request.unit) {
    // Permissions decided for another unit than the one the context names are a gateway defect, never to be used.
    throw new PermissionsRejected(`permissions of unit ${permissions.unit} in a context of unit ${request.unit}`);
  }
  return { request, permissions, recordsServed: new RecordsServed() };
}

/** The base from claims carrying their permissions in wire form, for subgraphs run in-process (tests, benches). */
export function createBaseContext(request: RequestContextClaims): BaseSubgraphContext {
  if (request.permissions === undefined) throw new PermissionsRejected('gateway context without permissions');
  const { permissions, ...claims } = request;
  return baseContextOf(claims, parseWirePermissions(permissions));
}
