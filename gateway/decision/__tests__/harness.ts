import { Supergraph } from '@apollo/federation-internals';
import { parse, type OperationDefinitionNode } from 'graphql';
import { createUnitTree, effectivePermissions, fixedUnits } from '../../../policies';
import type { Grant } from '../../../policies/permissions/types';
import { ANONYMOUS_UNIT } from '../../../policies/permissions';
import { poolCatalog } from '../../../scripts/pool-parts';
import { facility } from '../../../subgraphs/facility';
import { governanceSubgraph } from '../../../subgraphs/governance';
import { studentSubgraph } from '../../../subgraphs/student';
import { teacherSubgraph } from '../../../subgraphs/teacher';
import { newEnforcementState, type GatewayContext } from '../../gateway-context';
import { composeSupergraph } from '../../supergraph';
import { requestChecks } from '../request-checks';
import { decideRequest, type DecisionPorts, type RequestDecision } from '../request-decision';

/** The pool's own API schema and catalog, so each case reads like a row: who asks what, and what is decided. */
export const catalog = poolCatalog();
const unitTree = createUnitTree(fixedUnits);
const supergraphSdl = composeSupergraph([studentSubgraph, teacherSubgraph, facility, governanceSubgraph].map((s) => ({
  name: s.name, typeDefs: s.typeDefs, url: `http://${s.name}.invalid/graphql`,
})));
export const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();

export const NOW = new Date('2026-03-01T10:00:00+08:00');

/** A grant of the enrollment verification (学籍核验, purpose fixed by the catalog) to public security. */
export function verificationGrant(fields: Partial<Grant> = {}): Grant {
  return {
    id: 'g-hy', grantee: 'GZGAJ', resource: 'GZJY-HY-001', coordinates: ['Query.verifyEnrollment'],
    rowScope: [], masks: {}, purpose: '户籍迁入审核',
    validFrom: new Date('2026-01-01T00:00:00+08:00'), validUntil: new Date('2026-12-31T00:00:00+08:00'), applicationId: 'app-hy', ...fields,
  };
}

export interface Case {
  readonly unit?: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly grants?: ReadonlyArray<Grant>;
  readonly purpose?: string;
  readonly tokenPurpose?: string;
  readonly refusalMode?: 'partial' | 'reject';
  readonly ports?: DecisionPorts;
  readonly sentHash?: string;
}

export function decide(setup: Case): Promise<RequestDecision> {
  const unit = setup.unit ?? 'GZGAJ';
  const document = parse(setup.query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const context: GatewayContext = {
    requestId: 'r', unit, tokenId: unit === ANONYMOUS_UNIT ? 'none' : 't', enforcement: newEnforcementState(),
    ...(setup.purpose ? { purpose: setup.purpose } : {}),
    ...(setup.tokenPurpose ? { tokenPurpose: setup.tokenPurpose } : {}),
  };
  const permissions = effectivePermissions({
    unit, unitTree, catalog, grants: setup.grants ?? [], token: setup.purpose ? { purpose: setup.purpose } : {}, now: NOW,
  });
  return decideRequest({
    context, schema: apiSchema, document, operation, sentHash: setup.sentHash ?? 'sent-hash', permissions,
    ...(setup.variables ? { variables: setup.variables } : {}),
    settings: {
      catalog, refusalMode: setup.refusalMode ?? 'partial', maxCost: 5_000,
      costOptions: { defaultPageSize: 20, maxPageSize: 500, unpagedListSize: 50 },
    },
    ports: setup.ports ?? {},
  }, requestChecks);
}

/** The rejection's one code and HTTP status, or the admission's refused coordinates with their codes. */
export function summary(decision: RequestDecision): string {
  if (decision.kind === 'rejected') {
    return `rejected ${decision.httpStatus} ${decision.errors.map((e) => String(e.extensions?.code)).join(',')}`;
  }
  const refused = decision.refusedCoordinates.map((r) => `${r.coordinate}:${r.code}`).join(',');
  return `admitted${refused ? ` refusing ${refused}` : ''}`;
}
