import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Catalog } from '../../policies/catalog';
import type { WorkingCalendar } from '../../policies/deadlines';
import type { UnitTree } from '../../policies/unit-tree';
import type { Clock } from '../../platform/clock';
import type { HotState } from '../../platform/hot-state';
import type { Logger } from '../../platform/logger';
import type { GovernanceStore } from '../../store';
import type { SubgraphDefinition } from '../kit/subgraph-definition';
import { createGovernanceAdapter } from './adapter';
import { createGovernanceLoaders } from './loaders';
import { resolvers, type GovernanceContext, type GovernanceServices } from './resolvers';

/**
 * The governance subgraph: the catalog, each unit's access, and the sharing
 * workflow (apply, endorse, decide, withdraw, revoke) on the governance store.
 *
 * Assembled from every `*.graphql` file of this folder (schema.graphql, and
 * audit-schema.graphql and operations-schema.graphql, which add their fields
 * with `extend type Query` / `extend type Mutation`) and from `resolvers.ts`
 * merged with the resolvers of audit-resolvers.ts and operations-resolvers.ts.
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
  /** Largest `first` a list accepts (default 500). */
  readonly maxPageSize?: number;
  /** The shared hot state, for forgetting its copies of store rows after a change. */
  readonly hotState?: HotState;
}

/**
 * Records the catalog version the subgraph runs with and syncs the units
 * table with the tree. The store stays the caller's to close.
 */
export async function createGovernanceServices(options: GovernanceServicesOptions): Promise<GovernanceServices> {
  const catalogVersion = await options.store.catalog.record(options.catalog);
  await options.store.units.sync(options.unitTree().all());
  return {
    store: options.store,
    adapter: createGovernanceAdapter(options.store, options.logger),
    catalog: options.catalog,
    catalogVersion,
    unitTree: options.unitTree,
    clock: options.clock,
    calendar: options.calendar,
    maxPageSize: options.maxPageSize ?? 500,
    ...(options.hotState ? { hotState: options.hotState } : {}),
  };
}

function readTypeDefs(): DocumentNode {
  const files = readdirSync(__dirname).filter((file) => file.endsWith('.graphql')).sort();
  const documents = files.map((file) => parse(readFileSync(path.join(__dirname, file), 'utf8')));
  return { kind: Kind.DOCUMENT, definitions: documents.flatMap((document) => document.definitions) };
}

/** Further resolver files beside resolvers.ts, each merged in when present (the audit part arrived later than the rest). */
const resolverFiles: ReadonlyArray<{ readonly file: string; readonly exportName: string }> = [
  { file: 'audit-resolvers', exportName: 'auditResolvers' },
  { file: 'operations-resolvers', exportName: 'operationsResolvers' },
];

/** resolvers.ts merged with each further file's export; a field defined twice stops start-up. */
function mergedResolvers(): GraphQLResolverMap<GovernanceContext> {
  const maps: Array<GraphQLResolverMap<GovernanceContext>> = [resolvers];
  for (const { file, exportName } of resolverFiles) {
    if (!['.ts', '.js'].some((ext) => existsSync(path.join(__dirname, `${file}${ext}`)))) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional modules, merged when present
    const map = (require(`./${file}`) as Record<string, GraphQLResolverMap<GovernanceContext> | undefined>)[exportName];
    if (!map) throw new Error(`subgraphs/governance/${file}.ts must export ${exportName}`);
    maps.push(map);
  }
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
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
  // the kit has verified. The subgraph has no entities, hence no _entities.
  guard: (schema) => schema,
  createContext: (services, base) => ({
    ...base,
    services,
    loaders: createGovernanceLoaders(services.adapter),
  }),
};
