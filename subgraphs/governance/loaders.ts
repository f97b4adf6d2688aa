import DataLoader from 'dataloader';
import type { PersonRole } from '../../policies/people';
import type { ApplicationEvent } from '../../policies/share-workflow';
import type { GrantRecord } from '../../store';
import type { GovernanceAdapter } from './adapter';

/**
 * Per-request loaders: the histories and grants of every application a
 * request lists are read in one statement each, not one per application;
 * the signed-in person's roles are read at most once per request.
 */
export interface GovernanceLoaders {
  readonly historyOf: DataLoader<string, ReadonlyArray<ApplicationEvent>>;
  readonly grantsOf: DataLoader<string, ReadonlyArray<GrantRecord>>;
  /** Display names of the people in histories; null for an account that no longer exists. */
  readonly personName: DataLoader<string, string | null>;
  /**
   * The roles the signed-in person holds in the unit of the request: none
   * when the account is unknown, disabled, or belongs to another unit.
   */
  rolesOf(person: string, unit: string): Promise<ReadonlyArray<PersonRole>>;
}

export function createGovernanceLoaders(adapter: GovernanceAdapter): GovernanceLoaders {
  const roles = new Map<string, Promise<ReadonlyArray<PersonRole>>>();
  return {
    rolesOf: (person, unit) => {
      const key = `${person} ${unit}`;
      let found = roles.get(key);
      if (!found) {
        found = adapter.person(person).then((account) => (account?.unit === unit ? account.roles : []));
        roles.set(key, found);
      }
      return found;
    },
    personName: new DataLoader(async (ids) => {
      const names = await adapter.personNames(ids);
      return ids.map((id) => names.get(id) ?? null);
    }),
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
