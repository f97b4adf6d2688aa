import type { Catalog } from '../../policies';
import type { GatewayContext } from '../gateway-context';
import { countValues } from './answer-refusals';

/** One audit row as the gateway hands it to the governance store's audit log. */
export interface AuditEntryInput {
  readonly requestId: string;
  readonly unit: string;
  readonly tokenId: string;
  readonly purpose?: string;
  readonly operationHash: string;
  readonly operationName?: string;
  readonly served: ReadonlyArray<string>;
  readonly refused: ReadonlyArray<{ coordinate: string; code: string }>;
  readonly recordCounts: Readonly<Record<string, number>>;
  readonly grantIds: ReadonlyArray<string>;
  readonly records: ReadonlyArray<{ type: 'Student' | 'Teacher'; id: string; grantIds: ReadonlyArray<string> }>;
}

export interface AuditSink {
  /** Resolves once the row is committed. */
  append(entry: AuditEntryInput): Promise<void>;
}

/**
 * Builds the audit row of a request that touched catalog resources (Measures
 * ch. 8, supervision), or undefined when it touched none (a governance
 * mutation, a health query). Record counts per resource are the largest
 * number of values any of the resource's coordinates filled in the response.
 */
export function buildAuditEntry(
  context: GatewayContext, operationHash: string, operationName: string | undefined, data: unknown, catalog: Catalog,
): AuditEntryInput | undefined {
  const state = context.enforcement;
  if (state.served.size === 0 && state.refused.length === 0) return undefined;
  const recordCounts: Record<string, number> = {};
  const grantIds = new Set<string>();
  for (const [coordinate, paths] of state.served) {
    const resource = catalog.resourceOf(coordinate)?.code;
    if (!resource) continue;
    const count = paths.reduce((sum, path) => sum + countValues(data, path), 0);
    recordCounts[resource] = Math.max(recordCounts[resource] ?? 0, count);
    const permission = state.permissions?.coordinates[coordinate];
    if (permission?.allowed && count > 0) for (const path of permission.paths) if (path.grantId) grantIds.add(path.grantId);
  }
  for (const record of state.records) for (const id of record.grantIds) grantIds.add(id);
  return {
    requestId: context.requestId,
    unit: context.unit,
    tokenId: context.tokenId,
    ...(context.purpose ? { purpose: context.purpose } : {}),
    operationHash,
    ...(operationName ? { operationName } : {}),
    served: [...state.served.keys()].sort(),
    refused: state.refused.map((r) => ({ coordinate: r.coordinate, code: r.code })),
    recordCounts,
    grantIds: [...grantIds].sort(),
    records: state.records,
  };
}
