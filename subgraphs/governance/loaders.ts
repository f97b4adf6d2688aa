import DataLoader from 'dataloader';
import type { ApplicationEvent } from '../../policies/share-workflow';
import type { GrantRecord } from '../../store';
import type { GovernanceAdapter } from './adapter';

/**
 * Per-request loaders: the histories and grants of every application a
 * request lists are read in one statement each, not one per application.
 */
export interface GovernanceLoaders {
  readonly historyOf: DataLoader<string, ReadonlyArray<ApplicationEvent>>;
  readonly grantsOf: DataLoader<string, ReadonlyArray<GrantRecord>>;
}

export function createGovernanceLoaders(adapter: GovernanceAdapter): GovernanceLoaders {
  return {
    historyOf: new DataLoader(async (ids) => {
      const histories = await adapter.histories(ids);
      return ids.map((id) => histories.get(id) ?? []);
    }),
    grantsOf: new DataLoader(async (ids) => {
      const grants = await adapter.grants({ applicationIds: ids });
      return ids.map((id) => grants.filter((grant) => grant.applicationId === id).sort((a, b) => (a.resource < b.resource ? -1 : 1)));
    }),
  };
}
