import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'graphql';
import { legacyDataPaths } from '../../legacy/data-dir';
import type { Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { statisticsTypeDefs } from '../kit/statistics-types';
import { catalogGuard } from '../kit/catalog-guard';
import { locator } from '../kit/record-locators';
import type { BaseSubgraphContext, SubgraphDefinition } from '../kit/subgraph-definition';
import { openFacilityStore, type FacilityLogger, type FacilityStore } from './adapter';
import { createLoaders } from './loaders';
import type { Building } from './mapper';
import { mergeResolvers } from '../kit/merge-resolvers';
import { resolvers, type FacilityContext } from './resolvers';
import { statisticsResolvers } from './statistics-resolvers';

export type { FacilityContext } from './resolvers';
export type { FacilityStore, ReloadReport } from './adapter';

export interface FacilityServices {
  readonly store: FacilityStore;
  readonly maxPageSize: number;
}

export interface FacilityServicesOptions {
  /** The export folder; see `facilityDirectory`. */
  readonly directory: string;
  /** Largest `first` a list accepts (default 500). */
  readonly maxPageSize?: number;
  /** Reload when files change (default true). */
  readonly watch?: boolean;
  readonly debounceMs?: number;
  readonly pollIntervalMs?: number;
  readonly logger?: FacilityLogger;
}

/** `LEGACY_FACILITY_DIR`, or `<DATA_DIR>/legacy/facility` where the demo generator writes. */
export function facilityDirectory(config: Pick<Config, 'DATA_DIR' | 'LEGACY_FACILITY_DIR'>): string {
  return config.LEGACY_FACILITY_DIR ?? legacyDataPaths(config.DATA_DIR).facilityDir;
}

/** Reads every export once (rejects if the folder is missing) and keeps the index fresh until `close()`. */
export async function createFacilityServices(options: FacilityServicesOptions): Promise<FacilityServices & { close(): Promise<void> }> {
  const { maxPageSize = 500, logger = createLogger('info', 'facility-adapter'), ...storeOptions } = options;
  const store = await openFacilityStore({ ...storeOptions, logger });
  return { store, maxPageSize, close: () => store.close() };
}

/** Where each record type lies, for the shield rules: a building by its school. */
const records = {
  School: locator<{ code: string }>({ school: (s) => s.code, id: (s) => s.code }),
  // Statistics belong to no school: the resource is open (all rows); perturbation is the statistic's own business.
  Statistics: locator<{ query: string }>({ school: () => '', id: (s) => s.query }),
  Building: locator<Building>({ school: (b) => b.schoolCode, id: (b) => b.id }),
};

export const facility: SubgraphDefinition<FacilityServices, FacilityContext> = {
  name: 'facility',
  typeDefs: parse([...['schema.graphql', 'statistics.graphql']
    .map((file) => readFileSync(path.join(__dirname, file), 'utf8')), statisticsTypeDefs('FacilityStatisticTable')].join('\n')),
  resolvers: mergeResolvers(resolvers, statisticsResolvers),
  guard: catalogGuard({ records }),
  createContext(services: FacilityServices, base: BaseSubgraphContext): FacilityContext {
    return { ...base, store: services.store, maxPageSize: services.maxPageSize, loaders: createLoaders(services.store) };
  },
};
