import { randomUUID } from 'node:crypto';
import { ANONYMOUS_UNIT } from '../policies/permissions';
import { newEnforcementState, type GatewayContext } from './gateway-context';

/**
 * Open data without a token (Measures 第十九条): a request that carries no
 * Authorization header and no session cookie is served as the anonymous role
 * (gateway/authenticate.ts), whose effective permissions are the open
 * resources only (the decision refuses anything else:
 * decision/checks/anonymous-reads-open-data.ts). A credential that is there
 * but bad is still UNAUTHENTICATED: a client that meant to authenticate must
 * learn that it failed, not silently get less.
 */
export function anonymousContext(): GatewayContext {
  return { requestId: randomUUID(), unit: ANONYMOUS_UNIT, tokenId: 'none', enforcement: newEnforcementState() };
}
