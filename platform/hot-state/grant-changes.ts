import type { Logger } from '../logger';
import type { HotState } from './hot-state';

/**
 * Grant-change notices: the governance subgraph publishes the grantee's unit
 * code after a grant made or revoked is committed; every gateway drops that
 * unit's cached permissions. A notice is only a hint to drop a cache (the
 * grants themselves are read from PostgreSQL), so a lost one costs staleness,
 * never a wrong grant: subscribers drop everything on a resync, and the
 * gateway's slow poll of the store's change mark catches the rest.
 */
export const GRANT_CHANGES_CHANNEL = 'grant-changes';

/** Never throws: the change is committed; a Redis that is down delays the notice to the backstop poll. */
export async function announceGrantChange(hotState: HotState, grantee: string, logger: Logger): Promise<void> {
  try {
    await hotState.publish(GRANT_CHANGES_CHANNEL, grantee);
  } catch (error) {
    logger.warn({ err: error, grantee }, 'grant change not announced (Redis unavailable); gateways will see it at their next poll');
  }
}

export function onGrantChanges(
  hotState: HotState, dropUnit: (unit: string) => void, dropAll: () => void,
): Promise<() => Promise<void>> {
  return hotState.subscribe(GRANT_CHANGES_CHANNEL, dropUnit, dropAll);
}
