import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Catalog, ResponseDeadline } from '../../policies/catalog';
import type { WorkingCalendar } from '../../policies/deadlines';
import { DEFAULT_ENDORSEMENT_PERIOD } from '../../policies/share-workflow';
import type { UnitTree } from '../../policies/unit-tree';
import type { Clock } from '../../platform/clock';
import { createMemoryHotState, type HotState } from '../../platform/hot-state';
import type { Logger } from '../../platform/logger';
import { tokenRevocationsRepository, type GovernanceStore } from '../../store';
import type { SubgraphDefinition } from '../kit/subgraph-definition';
import { createGovernanceAdapter } from './adapter';
import { withGrantNotices } from './grant-notices';
import { createTokenRevocationService } from './token-revocations';
import { createGovernanceLoaders } from './loaders';
import { auditResolvers } from './audit-resolvers';
import { objectionsResolvers } from './objections-resolvers';
import { operationsResolvers } from './operations-resolvers';
import { resolvers, type GovernanceContext, type GovernanceServices } from './resolvers';
import { tokensResolvers } from './tokens-resolvers';
import { appsResolvers } from './apps-resolvers';
import { createUnitAdministration } from './unit-administration';
import { accountsRepository, appCredentialsRepository } from '../../store/people';
import { unitsResolvers } from './units-resolvers';

/**
 * The governance subgraph: the catalog, each unit's access, and the sharing
 * workflow (apply, endorse or decline, decide, resubmit, withdraw, revoke,
 * give up) on the governance store.
 *
 * Assembled from every `*.graphql` file of this folder (schema.graphql; and
 * the parts that add their fields with `extend type Query` / `extend type
 * Mutation`: audit-schema.graphql, audit and supervision; objections-schema.graphql,
 * 校核纠错; tokens-schema.graphql, token revocation; operations-schema.graphql,
 * registered operations; units-schema.graphql, the unit directory;
 * apps-schema.graphql, a unit's apps and people by its app administrator) and from
 * `resolvers.ts` merged with the resolver map of each of those parts.
 */
export type { GovernanceContext, GovernanceServices } from './resolvers';

export interface GovernanceServicesOptions {
  readonly store: GovernanceStore;
  /** The unit tree as it is now (the school directory may be reloaded). */
  readonly unitTree: () => UnitTree;
  readonly catalog: Catalog;
  readonly clock: Clock;
  /** Counts deadlines given in working days (policies/deadlines: chineseWorkingCalendar). */
  readonly calendar: WorkingCalendar;
  readonly logger: Logger;
  /** The endorser's period (default DEFAULT_ENDORSEMENT_PERIOD: 5 working days; the Measures set none). */
  readonly endorsementPeriod?: ResponseDeadline;
  /** Largest `first` a list accepts (default 500). */
  readonly maxPageSize?: number;
  /**
   * The shared hot state: grant changes are announced on it, token
   * revocations copied into it, and its copies of store rows (registered
   * operations) forgotten after a change (default: a private memory one, for
   * tests without gateways).
   */
  readonly hotState?: HotState;
}

/**
 * Records the catalog version the subgraph runs with and syncs the units
 * table with the tree. The store stays the caller's to close.
 */
export async function createGovernanceServices(options: GovernanceServicesOptions): Promise<GovernanceServices> {
  const catalogVersion = await options.store.catalog.record(options.catalog);
  await options.store.units.sync(options.unitTree().all());
  const hotState = options.hotState ?? createMemoryHotState('governance:');
  const adapter = withGrantNotices(createGovernanceAdapter(options.store, options.logger), hotState, options.logger);
  const tokens = createTokenRevocationService({
    repository: tokenRevocationsRepository(options.store.pool), hotState, unitTree: options.unitTree, clock: options.clock, logger: options.logger,
  });
  return {
    store: options.store,
    adapter,
    catalog: options.catalog,
    catalogVersion,
    unitTree: options.unitTree,
    clock: options.clock,
    calendar: options.calendar,
    endorsementPeriod: options.endorsementPeriod ?? DEFAULT_ENDORSEMENT_PERIOD,
    maxPageSize: options.maxPageSize ?? 500,
    tokens,
    administration: createUnitAdministration({
      accounts: accountsRepository(options.store.pool), apps: appCredentialsRepository(options.store.pool), catalog: options.catalog,
      unitTree: options.unitTree, clock: options.clock, logger: options.logger, activeGrants: adapter.activeGrants, tokens,
    }),
    hotState,
  };
}

function readTypeDefs(): DocumentNode {
  const files = readdirSync(__dirname).filter((file) => file.endsWith('.graphql')).sort();
  const documents = files.map((file) => parse(readFileSync(path.join(__dirname, file), 'utf8')));
  return { kind: Kind.DOCUMENT, definitions: documents.flatMap((document) => document.definitions) };
}

/** The resolver maps of the subgraph's parts, merged; a field defined twice stops start-up. */
const partResolvers: ReadonlyArray<GraphQLResolverMap<GovernanceContext>> = [
  resolvers, auditResolvers, objectionsResolvers, tokensResolvers, operationsResolvers, unitsResolvers, appsResolvers,
];

function mergedResolvers(): GraphQLResolverMap<GovernanceContext> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of partResolvers) {
    for (const [typeName, fields] of Object.entries(map)) {
      const into = (merged[typeName] ??= {});
      for (const [field, resolver] of Object.entries(fields as Record<string, unknown>)) {
        if (field in into) throw new Error(`governance resolvers: ${typeName}.${field} is defined twice`);
        into[field] = resolver;
      }
    }
  }
  return merged as GraphQLResolverMap<GovernanceContext>;
}

export const governanceSubgraph: SubgraphDefinition<GovernanceServices, GovernanceContext> = {
  name: 'governance',
  typeDefs: readTypeDefs(),
  resolvers: mergedResolvers(),
  // No field here is a catalog coordinate, so there are no catalog rules to
  // compile: each governance action is authorized by the sharing workflow
  // itself (FORBIDDEN naming who may act), on the unit of the signed context
  // the kit has verified and, when a person signed in, on that person's
  // roles. The subgraph has no entities, hence no _entities.
  guard: (schema) => schema,
  createContext: (services, base) => ({
    ...base,
    services,
    loaders: createGovernanceLoaders(services.adapter),
  }),
};
