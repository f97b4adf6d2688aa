import type { Permissions } from '../policies/permissions/types';
import type { RefusedSelection } from './enforcement/strip-refused-fields';

/** What the gateway knows about one request once its token is verified. */
export interface GatewayContext {
  readonly requestId: string;
  readonly unit: string;
  readonly tokenId: string;
  readonly purpose?: string;
  readonly scope?: ReadonlyArray<string>;
  readonly application?: string;
  /** The signed-in person (account id) of a console session. */
  readonly person?: string;
  /** The registered app of a client-credentials token. */
  readonly client?: string;
  /** Filled as the request goes through enforcement; read by the signing data source and the audit. */
  readonly enforcement: EnforcementState;
}

export interface ServedRecord {
  readonly type: 'Student' | 'Teacher';
  readonly id: string;
  readonly grantIds: ReadonlyArray<string>;
}

export interface EnforcementState {
  permissions?: Permissions;
  refused: ReadonlyArray<RefusedSelection>;
  served: ReadonlyMap<string, ReadonlyArray<ReadonlyArray<string>>>;
  placeholders: boolean;
  /** Personal records the subgraphs report having served, for accessesOfRecord. */
  readonly records: ServedRecord[];
}

export function newEnforcementState(): EnforcementState {
  return { refused: [], served: new Map(), placeholders: false, records: [] };
}
