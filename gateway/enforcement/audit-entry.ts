import type { Catalog } from '../../policies';
import type { AuditEntryInput } from '../../platform/cross-part-types';
import type { RequestDecision } from '../decision/request-decision';
import type { GatewayContext } from '../gateway-context';
import { countValues } from './answer-refusals';

export interface AuditSink {
  /** Resolves once the row is committed. */
  append(entry: AuditEntryInput): Promise<void>;
}

/**
 * Builds the audit row of a request that touched catalog resources (Measures
 * ch. 8, supervision), or undefined when it touched none (a governance
 * mutation, a health query, a request rejected before it was served).
 * Record counts per resource are the largest number of values any of the
 * resource's coordinates filled in the response. The purpose is the one the
 * request declared, and the row says when it declared none.
 */
export function buildAuditEntry(
  context: GatewayContext, decision: RequestDecision, operationHash: string, operationName: string | undefined, data: unknown, catalog: Catalog,
): AuditEntryInput | undefined {
  const served = decision.kind === 'admitted' ? decision.servedCoordinates : new Map<string, ReadonlyArray<ReadonlyArray<string>>>();
  const refused = decision.refusedCoordinates;
  if (served.size === 0 && refused.length === 0) return undefined;
  const permissions = decision.kind === 'admitted' ? decision.permissions : undefined;
  const recordCounts: Record<string, number> = {};
  const grantIds = new Set<string>();
  for (const [coordinate, paths] of served) {
    const resource = catalog.resourceOf(coordinate)?.code;
    if (!resource) continue;
    const count = paths.reduce((sum, path) => sum + countValues(data, path), 0);
    recordCounts[resource] = Math.max(recordCounts[resource] ?? 0, count);
    const permission = permissions?.coordinates[coordinate];
    if (permission?.allowed && count > 0) for (const path of permission.paths) if (path.grantId) grantIds.add(path.grantId);
  }
  const { records } = context.enforcement;
  for (const record of records) for (const id of record.grantIds) grantIds.add(id);
  return {
    requestId: context.requestId,
    unit: context.unit,
    tokenId: context.tokenId,
    ...(context.purpose ? { purpose: context.purpose } : {}),
    ...(context.person ? { person: context.person } : {}),
    ...(context.client ? { client: context.client } : {}),
    operationHash,
    ...(operationName ? { operationName } : {}),
    served: [...served.keys()].sort(),
    refused: refused.map((r) => ({ coordinate: r.coordinate, code: r.code })),
    recordCounts,
    grantIds: [...grantIds].sort(),
    records,
  };
}
