import type { Catalog, CatalogResource, MaskKind } from '../catalog';
import { deepFreeze } from '../deep-freeze';
import { strictestMask } from '../masks/mask-order';
import type { UnitTree } from '../unit-tree';
import { sortGrants } from './active-grants';
import { ALL_ROWS, canonicalScopeKey } from './row-scope';
import { assignScopeIds } from './scope-ids';
import type { AccessPath, CoordinatePermission, Grant, NotGrantedReason, Permissions, RowScope, TokenScope } from './types';
import { grantRowScope, subtreeScope } from './unit-scope';

export interface PermissionsInput {
  /** The unit the token names. */
  readonly unit: string;
  readonly unitTree: UnitTree;
  readonly catalog: Catalog;
  /** Grants as the store returns them, in any order; other units' and inactive ones are ignored. */
  readonly grants: ReadonlyArray<Grant>;
  readonly token: TokenScope;
  readonly now: Date;
}

/** A path before scopes get their ids. */
interface DraftPath {
  readonly scope: RowScope;
  readonly mask?: MaskKind;
  readonly grantId?: string;
  readonly purpose?: string;
}

type Draft = { readonly refusal: CoordinatePermission } | { readonly resource: string; readonly paths: DraftPath[] };

/**
 * What a request may see, per declared coordinate: token scope ∩ the unit's
 * active grants ∩ the catalog's share types, plus the unit's own jurisdiction
 * (DESIGN.md "Units, tokens, grants"). Pure and deterministic: the same input
 * with the grants in any order gives deep-equal permissions.
 *
 * - NOT_SHARED resources are refused to everyone, citing their legal basis
 *   (Measures 第五章, 不予共享类 must give the law or policy it rests on).
 * - Open resources (Measures 第十九条, open data) are read by every unit over
 *   all rows without applying. Only a token's explicit resource list narrows
 *   them: they are public, so an application or purpose on the token does not.
 * - Education departments and schools read the shareable resources of their
 *   own subtree unmasked. An application-scoped token drops this path: it
 *   stands for that one application's grants and nothing else.
 * - Each active grant adds one path over its row scope, with the most
 *   restrictive of its masks on the field.
 * - A grant whose purpose is fixed (`fixedPurposeOf`) adds its path only to
 *   a request declaring that purpose (PIPL art. 6).
 * - Everything else is NOT_GRANTED, naming the resource to apply for, and,
 *   when a grant covers the field but may not be used, why: the purposes
 *   it is fixed to, or when it expired.
 */
export function effectivePermissions(input: PermissionsInput): Permissions {
  const { unit, unitTree, catalog, token, now } = input;
  const jurisdiction = token.application === undefined ? subtreeScope(unit, unitTree) : undefined;
  const sorted = sortGrants(input.grants, unit, token, catalog, now);
  const grants = sorted.usable.map((grant) => ({ grant, scope: grantRowScope(grant.rowScope, unitTree) }));
  const tokenResources = token.resources === undefined ? undefined : new Set(token.resources);

  const decide = (resource: CatalogResource, coordinate: string): Draft => {
    if (resource.shareType === 'NOT_SHARED') {
      return { refusal: { allowed: false, resource: resource.code, code: 'NOT_SHARED', legalBasis: resource.legalBasis } };
    }
    const notGranted: Draft = { refusal: { allowed: false, resource: resource.code, code: 'NOT_GRANTED' } };
    if (tokenResources !== undefined && !tokenResources.has(resource.code)) return notGranted;
    if (resource.open) return { resource: resource.code, paths: [{ scope: ALL_ROWS }] };

    const paths: DraftPath[] = jurisdiction === undefined ? [] : [{ scope: jurisdiction }];
    for (const { grant, scope } of grants) {
      if (grant.resource !== resource.code || !grant.coordinates.includes(coordinate)) continue;
      const mask = strictestMask(grant.masks[coordinate] ?? []);
      paths.push({ scope, ...(mask === undefined ? {} : { mask }), grantId: grant.id, purpose: grant.purpose });
    }
    if (paths.length > 0) return { resource: resource.code, paths };
    const reason = unusableReason(sorted.otherPurpose, sorted.expired, resource.code, coordinate);
    return reason === undefined ? notGranted : { refusal: { allowed: false, resource: resource.code, code: 'NOT_GRANTED', reason } };
  };

  const drafts = new Map<string, Draft>();
  for (const resource of catalog.resources) {
    for (const coordinate of resource.coordinates) drafts.set(coordinate, decide(resource, coordinate));
  }
  return assemble(unit, drafts);
}

/**
 * A grant fixed to another purpose is the more useful thing to name (the
 * client can declare it now); an expiry is named with the latest end among
 * the grants that covered the field.
 */
function unusableReason(
  otherPurpose: ReadonlyArray<Grant>, expired: ReadonlyArray<Grant>, resource: string, coordinate: string,
): NotGrantedReason | undefined {
  const covers = (grant: Grant) => grant.resource === resource && grant.coordinates.includes(coordinate);
  const purposes = [...new Set(otherPurpose.filter(covers).map((grant) => grant.purpose.trim()))].sort();
  if (purposes.length > 0) return { kind: 'PURPOSE', purposes };
  const ends = expired.filter(covers).map((grant) => grant.validUntil.getTime());
  return ends.length > 0 ? { kind: 'EXPIRED', expiredAt: new Date(Math.max(...ends)).toISOString() } : undefined;
}

/** Gives scopes their ids, merges identical paths and orders everything, so equal inputs give equal output. */
function assemble(unit: string, drafts: ReadonlyMap<string, Draft>): Permissions {
  const used = [...drafts.values()].flatMap((draft) => ('paths' in draft ? draft.paths.map((p) => p.scope) : []));
  const ids = assignScopeIds(used);
  const idOf = (scope: RowScope): string => ids.get(canonicalScopeKey(scope))!.id;

  const coordinates: Record<string, CoordinatePermission> = {};
  for (const coordinate of [...drafts.keys()].sort()) {
    const draft = drafts.get(coordinate)!;
    coordinates[coordinate] =
      'refusal' in draft ? draft.refusal : { allowed: true, resource: draft.resource, paths: mergePaths(draft.paths, idOf) };
  }
  const scopes: Record<string, RowScope> = {};
  for (const { id, scope } of [...ids.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) scopes[id] = scope;
  return deepFreeze({ unit, coordinates, scopes });
}

/** One path per distinct (scope, mask, grant); the jurisdiction path first, then by grant id. */
function mergePaths(drafts: ReadonlyArray<DraftPath>, idOf: (scope: RowScope) => string): AccessPath[] {
  const byKey = new Map<string, AccessPath>();
  for (const draft of drafts) {
    const path: AccessPath = { ...draft, scope: idOf(draft.scope) };
    const key = [path.grantId ?? '', path.scope, path.mask ?? ''].join('\u0000');
    if (!byKey.has(key)) byKey.set(key, path);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, path]) => path);
}
