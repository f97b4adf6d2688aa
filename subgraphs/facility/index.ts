import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'graphql';
import { legacyDataPaths } from '../../legacy/data-dir';
import type { Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import type { RequestContextClaims } from '../../platform/signed-context';
import type { SubgraphDefinition } from '../kit/subgraph-definition';
import { openFacilityStore, type FacilityLogger, type FacilityStore } from './adapter';
import { createLoaders } from './loaders';
import { resolvers, type FacilityContext } from './resolvers';

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

export const facility: SubgraphDefinition<FacilityServices, FacilityContext> = {
  name: 'facility',
  typeDefs: parse(readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8')),
  resolvers,
  createContext(services: FacilityServices, request: RequestContextClaims): FacilityContext {
    return { request, store: services.store, maxPageSize: services.maxPageSize, loaders: createLoaders(services.store) };
  },
};
