import { announceGrantChange, type HotState } from '../../platform/hot-state';
import type { Logger } from '../../platform/logger';
import type { GovernanceAdapter } from './adapter';

/**
 * The adapter, announcing every grant change to the gateways once it is
 * committed (platform/hot-state/grant-changes): an approval (at once, for an
 * unconditional resource, or by the provider) makes grants for the applicant;
 * a revocation, or the grantee giving a grant up, takes one from it. The announcement follows the
 * adapter's promise, which resolves after COMMIT, so no gateway can reload
 * before the change is visible in PostgreSQL.
 */
export function withGrantNotices(adapter: GovernanceAdapter, hotState: HotState, logger: Logger): GovernanceAdapter {
  return {
    ...adapter,
    submit: async (application, submission, closing) => {
      const stored = await adapter.submit(application, submission, closing);
      if (stored.status === 'APPROVED') await announceGrantChange(hotState, stored.applicant, logger);
      return stored;
    },
    transition: async (id, plan) => {
      let approving = false;
      const changed = await adapter.transition(id, (current) => {
        const planned = plan(current);
        approving = planned.to === 'APPROVED';
        return planned;
      });
      if (approving) await announceGrantChange(hotState, changed.applicant, logger);
      return changed;
    },
    revokeGrant: async (id, end, check) => {
      const revoked = await adapter.revokeGrant(id, end, check);
      await announceGrantChange(hotState, revoked.grantee, logger);
      return revoked;
    },
  };
}
