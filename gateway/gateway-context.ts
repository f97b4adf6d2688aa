import type { Permissions } from '../policies/permissions/types';
import type { ServedRecord } from '../platform/cross-part-types';

/** What the gateway knows about one request once its token is verified. */
export interface GatewayContext {
  readonly requestId: string;
  readonly unit: string;
  readonly tokenId: string;
  /** The purpose the request declares: the x-edupool-purpose header, else the token's claim (gateway/declared-purpose.ts). */
  readonly purpose?: string;
  /** The purpose the token was issued for, if any: a header may not declare another. */
  readonly tokenPurpose?: string;
  readonly scope?: ReadonlyArray<string>;
  readonly application?: string;
  /** The signed-in person (account id) of a console session. */
  readonly person?: string;
  /** The registered app of a client-credentials token. */
  readonly client?: string;
  /** Filled by the decision plugin and the subgraphs' answers; read by the signing data source and the audit. */
  readonly enforcement: EnforcementState;
}


export interface EnforcementState {
  /** The admitted decision's permissions, signed into each subgraph fetch. */
  permissions?: Permissions;
  /** Personal records the subgraphs report having served, for accessesOfRecord. */
  readonly records: ServedRecord[];
}

export function newEnforcementState(): EnforcementState {
  return { records: [] };
}
