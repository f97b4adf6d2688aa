import { GraphQLError } from 'graphql';
import type { ApplicationEvent, ShareApplication } from '../../policies/share-workflow';
import { errors } from '../../policies/errors';
import { toGraphQLError } from '../../platform/graphql-errors';
import type { Logger } from '../../platform/logger';
import { isStoreUnavailable } from '../../platform/store-unavailable';
import type { PersonRole } from '../../policies/people';
import type {
  ApplicationFilter, EventInput, GovernanceStore, GrantEnd, GrantFilter, GrantRecord, NewApplication, TransitionPlan,
} from '../../store';
import { accountsRepository } from '../../store/people';

/**
 * The only code of this subgraph that speaks to the governance store. It adds
 * one thing to the store's repositories: a store that cannot be reached (lost
 * connection, timeout, server shutting down) becomes UPSTREAM_UNAVAILABLE for
 * the client, while a refusal thrown by the workflow inside a transaction
 * passes through as it is (the transaction was rolled back). Anything else is
 * our defect and is masked as INTERNAL_SERVER_ERROR by the server.
 */
export interface GovernanceAdapter {
  submit(application: NewApplication, submission: EventInput, closing?: Omit<TransitionPlan, 'at'>): Promise<ShareApplication>;
  transition(id: string, plan: (current: ShareApplication | undefined) => TransitionPlan): Promise<ShareApplication>;
  application(id: string): Promise<ShareApplication | undefined>;
  applications(filter: ApplicationFilter): Promise<ShareApplication[]>;
  histories(ids: ReadonlyArray<string>): Promise<Map<string, ApplicationEvent[]>>;
  grants(filter: GrantFilter): Promise<GrantRecord[]>;
  grant(id: string): Promise<GrantRecord | undefined>;
  activeGrants(unit: string, now: Date): Promise<GrantRecord[]>;
  /** Ends a grant: revoked by its provider or the city bureau, or given up by its grantee. */
  revokeGrant(id: string, end: GrantEnd, check: (grant: GrantRecord | undefined) => void): Promise<GrantRecord>;
  /** A signed-in person's unit and roles (none when the account is disabled); undefined for an unknown account. */
  person(id: string): Promise<{ readonly unit: string; readonly roles: ReadonlyArray<PersonRole> } | undefined>;
  /** Display names of the people named in histories. */
  personNames(ids: ReadonlyArray<string>): Promise<Map<string, string>>;
}

export function createGovernanceAdapter(store: GovernanceStore, logger: Logger): GovernanceAdapter {
  const guarded = <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (error instanceof GraphQLError || !isStoreUnavailable(error)) throw error;
        logger.warn({ err: error, operation }, 'governance store unavailable');
        throw toGraphQLError(errors.upstreamUnavailable('governance'));
      }
    };
  const accounts = accountsRepository(store.pool);
  return {
    submit: guarded('submit', store.applications.submit),
    transition: guarded('transition', store.applications.transition),
    application: guarded('application', store.applications.get),
    applications: guarded('applications', store.applications.list),
    histories: guarded('histories', store.applications.history),
    grants: guarded('grants', store.grants.list),
    grant: guarded('grant', store.grants.get),
    activeGrants: guarded('activeGrants', store.grants.activeFor),
    revokeGrant: guarded('revokeGrant', store.grants.revoke),
    person: guarded('person', async (id: string) => {
      const account = await accounts.byId(id);
      return account && { unit: account.unit, roles: account.disabled ? [] : account.roles };
    }),
    personNames: guarded('personNames', accounts.namesOf),
  };
}
