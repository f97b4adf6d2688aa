import { errors } from '../../policies/errors';
import { MAX_TOKEN_TTL_SECONDS, mayRevokeTokensOf } from '../../policies/token-revocation';
import type { UnitTree } from '../../policies/unit-tree';
import type { Clock } from '../../platform/clock';
import { toGraphQLError } from '../../platform/graphql-errors';
import { clientRevocationEntry, copyToHotState, tokenRevocationEntry, unitCutoffEntry, type HotState } from '../../platform/hot-state';
import type { Logger } from '../../platform/logger';
import type { ClientRevocation, TokenRevocation, TokenRevocationsRepository, UnitTokenCutoff } from '../../store';
import { isStoreUnavailable } from '../../platform/store-unavailable';
import type { Actor } from './workflow';

/**
 * Token revocation's use cases: checked by policies/token-revocation,
 * committed to PostgreSQL (the authority), then copied into the shared hot
 * state where every gateway reads it on its next request. A copy that fails
 * (Redis down) is not an error for the client: the revocation is committed,
 * and the gateways read PostgreSQL while Redis is down and copy it again from
 * there when it returns (gateway/revocation/token-denylist).
 */
export interface TokenRevocationService {
  revokeToken(actor: Actor, jti: string, unit: string | null | undefined, reason: string): Promise<TokenRevocation>;
  revokeUnitTokens(actor: Actor, unit: string, reason: string): Promise<UnitTokenCutoff>;
  /**
   * An app revoked in the store (app_credentials.revoked_at, which the
   * gateways' PostgreSQL fallback reads) is copied to the hot state, so every
   * token issued to it is refused on every gateway at once.
   */
  announceAppRevoked(revocation: ClientRevocation): Promise<void>;
}

const MAX_JTI_LENGTH = 200;

export function createTokenRevocationService(deps: {
  repository: TokenRevocationsRepository; hotState: HotState; unitTree: () => UnitTree; clock: Clock; logger: Logger;
}): TokenRevocationService {
  const fail = (shape: Parameters<typeof toGraphQLError>[0]): never => {
    throw toGraphQLError(shape);
  };
  const check = (actor: Actor, unit: string, reason: string, argument: string): string => {
    const may = mayRevokeTokensOf(actor.unit, unit, deps.unitTree(), argument);
    if (!may.ok) fail(may.error);
    const given = reason.trim();
    if (given === '') fail(errors.badUserInput('reason', 'a revocation must give its reason.'));
    return given;
  };
  const committed = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      deps.logger.warn({ err: error }, 'governance store unavailable; revocation not recorded');
      return fail(errors.upstreamUnavailable('governance'));
    }
  };
  const copied = async (copy: () => Promise<void>) => {
    try {
      await copy();
    } catch (error) {
      deps.logger.warn({ err: error }, 'revocation committed but not copied to Redis; gateways read PostgreSQL until they copy it');
    }
  };
  return {
    async revokeToken(actor, jti, unit, reason) {
      const holder = unit ?? actor.unit;
      const given = check(actor, holder, reason, 'unit');
      if (jti.trim() === '' || jti.length > MAX_JTI_LENGTH) fail(errors.badUserInput('jti', `must be a token's jti (1 to ${MAX_JTI_LENGTH} characters).`));
      const now = deps.clock.now();
      const revocation = await committed(() => deps.repository.revokeToken({
        jti, unit: holder, revokedAt: now, expiresAt: new Date(now.getTime() + MAX_TOKEN_TTL_SECONDS * 1000), revokedBy: actor.unit, reason: given,
      }));
      await copied(() => copyToHotState(deps.hotState, [tokenRevocationEntry(revocation, deps.clock.now())]));
      // Rows past their expiry revoke nothing; revocations are rare, so each one sweeps the old ones away.
      await deps.repository.prune(now).catch((error: unknown) => deps.logger.warn({ err: error }, 'expired token revocations not pruned'));
      return revocation;
    },
    async revokeUnitTokens(actor, unit, reason) {
      const given = check(actor, unit, reason, 'unit');
      const now = deps.clock.now();
      const cutoff = await committed(() => deps.repository.revokeUnitTokens({
        unit, revokedBefore: now, revokedAt: now, revokedBy: actor.unit, reason: given,
      }));
      await copied(() => copyToHotState(deps.hotState, [unitCutoffEntry(cutoff, deps.clock.now(), MAX_TOKEN_TTL_SECONDS)]));
      return cutoff;
    },
    async announceAppRevoked(revocation) {
      await copied(() => copyToHotState(deps.hotState, [clientRevocationEntry(revocation, deps.clock.now(), MAX_TOKEN_TTL_SECONDS)]));
    },
  };
}
