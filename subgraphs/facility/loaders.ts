import DataLoader from 'dataloader';
import type { FacilityStore } from './adapter';
import type { Building } from './mapper';

/**
 * Per-request loaders (DESIGN.md "Batching"): every building and every
 * school's building list asked for during one request is fetched from the
 * store in one batch, and a request sees each building once.
 */
export interface FacilityLoaders {
  readonly buildingById: DataLoader<string, Building | null>;
  readonly buildingsOfSchool: DataLoader<string, ReadonlyArray<Building>>;
}

export function createLoaders(store: FacilityStore): FacilityLoaders {
  return {
    buildingById: new DataLoader(async (ids) => (await store.buildingsById(ids)).map((building) => building ?? null)),
    buildingsOfSchool: new DataLoader((codes) => store.buildingsOfSchools(codes)),
  };
}
