/** The governance store: units, catalog versions, share applications and their history, grants (and store/audit). */
export { openGovernanceStore, type GovernanceStore, type GovernanceStoreOptions } from './open-store';
export { migrate, readMigrations, MIGRATIONS_DIR, type Migration } from './migrate';
export { inTransaction } from './transaction';
export type { UnitsRepository } from './units';
export type { CatalogVersionsRepository } from './catalog-versions';
export type { GrantEnd, GrantFilter, GrantRecord, GrantsRepository } from './grants';
export type { ApplicationFilter, EventInput, NewApplication, ShareApplicationsRepository, TransitionPlan } from './share-applications';
export {
  tokenRevocationsRepository, type ClientRevocation, type TokenIdentity, type TokenRevocation, type TokenRevocationsRepository, type UnitTokenCutoff,
} from './token-revocations';
