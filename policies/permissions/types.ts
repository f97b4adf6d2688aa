import type { MaskKind } from '../catalog';

/**
 * The shapes of a request's effective permissions (DESIGN.md "Units, tokens,
 * grants"): decided once at the gateway, signed into the context each subgraph
 * receives, and read there by synchronous look-ups.
 */

/**
 * Which records a permission reaches. `schools` is the full list of schools in
 * scope (the schools of every district in `districts` included), so any part can
 * test a record by its school alone; `districts` lets SQL name whole districts.
 */
export type RowScope =
  | { readonly all: true }
  | { readonly all: false; readonly districts: ReadonlyArray<string>; readonly schools: ReadonlyArray<string> };

/** One way a unit reaches a field: its own jurisdiction, or one grant. */
export interface AccessPath {
  /** Key into `Permissions.scopes` (scopes are shared by many coordinates, so they are stored once). */
  readonly scope: string;
  /** The mask to apply on this path; absent = the exact value. */
  readonly mask?: MaskKind;
  /** The grant this path comes from; absent for the unit's own jurisdiction. */
  readonly grantId?: string;
  readonly purpose?: string;
}

export type RefusalCode = 'NOT_SHARED' | 'NOT_GRANTED';

/**
 * Why no grant covers a field the unit does hold grants for, so the refusal
 * can say what to do: declare the purpose the grant was made for, or apply
 * again because the grant expired. Absent = the field was never granted.
 */
export type NotGrantedReason =
  | { readonly kind: 'PURPOSE'; readonly purposes: ReadonlyArray<string> }
  | { readonly kind: 'EXPIRED'; readonly expiredAt: string };

export type CoordinatePermission =
  | { readonly allowed: true; readonly resource: string; readonly paths: ReadonlyArray<AccessPath> }
  | {
    readonly allowed: false;
    readonly resource: string;
    readonly code: RefusalCode;
    readonly legalBasis?: string;
    readonly reason?: NotGrantedReason;
  };

export interface Permissions {
  readonly unit: string;
  /** Every declared coordinate, allowed or refused. Structural types are not listed: they follow their parent field. */
  readonly coordinates: Readonly<Record<string, CoordinatePermission>>;
  readonly scopes: Readonly<Record<string, RowScope>>;
}

/** A grant as the governance store holds it (a bundle of conditions on one resource for one unit). */
export interface Grant {
  readonly id: string;
  /** The unit that may use it. */
  readonly grantee: string;
  readonly resource: string;
  /** The coordinates granted: a subset of the resource's (minimum necessary). */
  readonly coordinates: ReadonlyArray<string>;
  /** Unit codes whose jurisdictions the grant reaches; empty = every record of the resource. */
  readonly rowScope: ReadonlyArray<string>;
  /** Masks imposed, by coordinate; several on one coordinate combine to the most restrictive. */
  readonly masks: Readonly<Record<string, ReadonlyArray<MaskKind>>>;
  readonly purpose: string;
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly revokedAt?: Date;
  /** The application it came from. */
  readonly applicationId: string;
}

/** What the token narrows the unit's access to (DESIGN.md: token scope ∩ grants ∩ catalog). */
export interface TokenScope {
  /** Catalog resource codes; absent = no narrowing. */
  readonly resources?: ReadonlyArray<string>;
  /** One share application: only its grants apply. */
  readonly application?: string;
  /**
   * The purpose this request declares (token claim or per-request header, see
   * the gateway): a grant whose purpose is fixed is used only when it matches.
   */
  readonly purpose?: string;
}
