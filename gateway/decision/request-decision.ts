import type { DocumentNode, GraphQLFormattedError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Catalog } from '../../policies';
import type { Permissions } from '../../policies/permissions/types';
import type { RefusedSelection } from '../enforcement/strip-refused-fields';
import type { GatewayContext } from '../gateway-context';
import type { CostOptions } from '../limits/operation-cost';
import type { RateLimitVerdict } from '../limits/rate-limits';
import type { RateLimit } from '../../policies/catalog';

/**
 * One decision per request (DESIGN.md "One decision, a sealed hop"): the
 * request is either rejected as a whole, with its errors and HTTP status, or
 * admitted with what it may see and the operation stripped of what it may not.
 * It is computed by `decideRequest` from the ordered checks of
 * `requestChecks` and applied by the decision plugin alone.
 */
export type RequestDecision = Rejected | Admitted;

export interface Rejected {
  readonly kind: 'rejected';
  readonly errors: ReadonlyArray<GraphQLFormattedError>;
  readonly httpStatus: number;
  /** Seconds, for a rate limit (sent as Retry-After). */
  readonly retryAfterSeconds?: number;
  /** Refusals the rejection stands for (whole-request refusal mode): audited as refused. */
  readonly refusedCoordinates: ReadonlyArray<RefusedSelection>;
}

export interface Admitted {
  readonly kind: 'admitted';
  readonly permissions: Permissions;
  /** The operation to plan: the request's own document when nothing was stripped. */
  readonly strippedDocument: DocumentNode;
  readonly strippedOperation: OperationDefinitionNode;
  /** The gateway caches query plans by hash, so a stripped operation carries its own. */
  readonly strippedQueryHash: string;
  readonly refusedCoordinates: ReadonlyArray<RefusedSelection>;
  /** Catalog coordinates the stripped operation selects, with the response paths they fill. */
  readonly servedCoordinates: ReadonlyMap<string, ReadonlyArray<ReadonlyArray<string>>>;
  /** Whether stripping emptied the operation and a placeholder selection stands in. */
  readonly placeholders: boolean;
  /** The purpose the request declared, recorded in its audit row. */
  readonly purpose?: string;
}

/** What the checks may consult besides the request: the only I/O they do goes through these two ports. */
export interface DecisionPorts {
  /** Counts uses of a rate-limited resource; the hot state's counters in production. */
  admitResource?(unit: string, resource: string, limit: RateLimit, uses: number): Promise<RateLimitVerdict>;
  /** Registered-operations mode: undefined when the mode is off. */
  readonly registeredOperations?: {
    isPartner(unit: string): boolean;
    isRegistered(unit: string, sha256: string): Promise<boolean>;
  };
}

export interface DecisionSettings {
  readonly catalog: Catalog;
  readonly refusalMode: 'partial' | 'reject';
  readonly maxCost: number;
  readonly costOptions: CostOptions;
}

export interface DecisionInput {
  readonly context: GatewayContext;
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly operationName?: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  /** The hash Apollo resolved from the text or the APQ extension, before any stripping. */
  readonly sentHash: string;
  readonly permissions: Permissions;
  readonly settings: DecisionSettings;
  readonly ports: DecisionPorts;
}

/**
 * One check of the list: passes the admission on (possibly narrowed, e.g.
 * stripped), or rejects the request. Checks never undo one another: the
 * first rejection ends the decision.
 */
export type RequestCheck = (input: DecisionInput, admitted: Admitted) => RequestDecision | Promise<RequestDecision>;

export interface NamedCheck {
  readonly name: string;
  readonly check: RequestCheck;
}

/**
 * Runs the checks in order over an admission that starts with the request
 * as sent. Deterministic in its input: everything it knows arrives in
 * `input` (permissions worked out beforehand, counters and the registry
 * through `ports`).
 */
export async function decideRequest(input: DecisionInput, checks: ReadonlyArray<NamedCheck>): Promise<RequestDecision> {
  let admitted: Admitted = {
    kind: 'admitted',
    permissions: input.permissions,
    strippedDocument: input.document,
    strippedOperation: input.operation,
    strippedQueryHash: input.sentHash,
    refusedCoordinates: [],
    servedCoordinates: new Map(),
    placeholders: false,
    ...(input.context.purpose ? { purpose: input.context.purpose } : {}),
  };
  for (const { check } of checks) {
    const decision = await check(input, admitted);
    if (decision.kind === 'rejected') return decision;
    admitted = decision;
  }
  return admitted;
}

/** A rejection with one error, from our error shapes. */
export function rejectWith(error: { message: string; extensions: Readonly<Record<string, unknown>> }, httpStatus: number, extra: Partial<Pick<Rejected, 'retryAfterSeconds' | 'refusedCoordinates'>> = {}): Rejected {
  return {
    kind: 'rejected',
    errors: [{ message: error.message, extensions: { ...error.extensions } }],
    httpStatus,
    refusedCoordinates: extra.refusedCoordinates ?? [],
    ...(extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: extra.retryAfterSeconds } : {}),
  };
}
