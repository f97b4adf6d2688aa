import type { CatalogResource, MaskKind, ShareType } from '../../policies/catalog';
import type { Permissions } from '../../policies/permissions/types';
import {
  awaitingUnit, isApplicationOverdue, stageDeadline, type ApplicationEvent, type DecidedConditions, type ShareApplication,
} from '../../policies/share-workflow';
import type { GrantRecord } from '../../store';

/**
 * Store records → the objects the schema returns: instants as ISO 8601
 * strings, mask maps as lists, coordinates as `fields`. Derived values
 * (overdue, whose turn it is, whether a grant is usable) are worked out here
 * at the `now` the resolver passes.
 */
export interface CoordinateMaskView {
  readonly coordinate: string;
  readonly mask: MaskKind;
}

export function maskList(masks: Readonly<Record<string, ReadonlyArray<MaskKind>>>): CoordinateMaskView[] {
  return Object.keys(masks).sort().flatMap((coordinate) => (masks[coordinate] ?? []).map((mask) => ({ coordinate, mask })));
}

export function toApplicationView(application: ShareApplication, now: Date) {
  return {
    id: application.id,
    applicant: application.applicant,
    resources: application.resources,
    fields: application.coordinates,
    purpose: application.purpose,
    rowScope: application.rowScope,
    validUntil: application.validUntil.toISOString(),
    status: application.status,
    submittedAt: application.submittedAt.toISOString(),
    // The stage's deadline while one runs; after it, the last deadline the application had.
    deadline: (stageDeadline(application) ?? application.decisionDeadline ?? application.endorsementDeadline ?? application.submittedAt).toISOString(),
    endorsementDeadline: application.endorsementDeadline?.toISOString() ?? null,
    decisionDeadline: application.decisionDeadline?.toISOString() ?? null,
    overdue: isApplicationOverdue(application, now),
    endorser: application.endorser,
    provider: application.provider,
    awaitingUnit: awaitingUnit(application),
    catalogVersion: application.catalogVersion,
    decidedAt: application.decidedAt?.toISOString() ?? null,
  };
}

export type ApplicationView = ReturnType<typeof toApplicationView>;

function toConditionsView(conditions: DecidedConditions) {
  return {
    fields: conditions.coordinates,
    rowScope: conditions.rowScope,
    masks: maskList(conditions.masks),
    purpose: conditions.purpose,
    validUntil: conditions.validUntil.toISOString(),
  };
}

export function toEventView(event: ApplicationEvent) {
  return {
    seq: event.seq,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actor: event.actorUnit,
    actorToken: event.actorToken,
    actorPerson: event.actorPerson,
    at: event.at.toISOString(),
    reason: event.reason,
    conditions: event.conditions && toConditionsView(event.conditions),
  };
}

export type EventView = ReturnType<typeof toEventView>;

export function toGrantView(grant: GrantRecord, now: Date) {
  const t = now.getTime();
  return {
    id: grant.id,
    applicationId: grant.applicationId,
    grantee: grant.grantee,
    provider: grant.provider,
    resource: grant.resource,
    fields: grant.coordinates,
    rowScope: grant.rowScope,
    masks: maskList(grant.masks),
    purpose: grant.purpose,
    validFrom: grant.validFrom.toISOString(),
    validUntil: grant.validUntil.toISOString(),
    active: grant.revokedAt === undefined && grant.validFrom.getTime() <= t && t < grant.validUntil.getTime(),
    revokedAt: grant.revokedAt?.toISOString() ?? null,
    revokedBy: grant.revokedBy ?? null,
    revokeReason: grant.revokeReason ?? null,
    revokedByPerson: grant.revokedByPerson ?? null,
    givenUp: grant.givenUp,
    version: grant.version,
  };
}

export function toCatalogResourceView(resource: CatalogResource) {
  const { masks, ...conditions } = resource.conditions;
  return {
    ...resource,
    legalBasis: resource.legalBasis ?? null,
    allowedConditions: {
      ...conditions,
      masks: Object.keys(masks).sort().map((coordinate) => ({ coordinate, masks: masks[coordinate] ?? [] })),
    },
  };
}

export type AccessStatus = 'OPEN' | 'GRANTED' | 'JURISDICTION' | 'APPLYABLE' | 'NOT_SHARED';

export interface AccessEntryView {
  readonly coordinate: string;
  readonly status: AccessStatus;
  readonly resource: string;
  readonly shareType: ShareType;
  readonly legalBasis: string | null;
  readonly conditions: ReadonlyArray<{
    readonly mask: MaskKind | null;
    readonly rowScope: ReadonlyArray<string>;
    readonly purpose: string | null;
    readonly validUntil: string | null;
    readonly grantId: string | null;
  }>;
}

/**
 * The unit's permissions as a list a person can read: one entry per catalog
 * field. OPEN outranks GRANTED outranks JURISDICTION (the most telling name
 * of how the unit reaches the field); every way is listed in `conditions`,
 * with row scopes as unit codes: the grant's, or the unit itself for its
 * jurisdiction, or none (= every record) for open data.
 */
export function toAccessEntries(
  permissions: Permissions, resourceOf: (code: string) => CatalogResource | undefined, grants: ReadonlyMap<string, GrantRecord>,
): AccessEntryView[] {
  return Object.entries(permissions.coordinates).map(([coordinate, permission]) => {
    const resource = resourceOf(permission.resource);
    const shareType = resource?.shareType ?? 'NOT_SHARED';
    const legalBasis = resource?.legalBasis ?? null;
    if (!permission.allowed) {
      const status = permission.code === 'NOT_SHARED' ? 'NOT_SHARED' : 'APPLYABLE';
      return { coordinate, status, resource: permission.resource, shareType, legalBasis, conditions: [] };
    }
    const open = resource?.open === true;
    const conditions = permission.paths.map((path) => {
      const grant = path.grantId === undefined ? undefined : grants.get(path.grantId);
      return {
        mask: path.mask ?? null,
        rowScope: grant ? grant.rowScope : open ? [] : [permissions.unit],
        purpose: path.purpose ?? null,
        validUntil: grant?.validUntil.toISOString() ?? null,
        grantId: path.grantId ?? null,
      };
    });
    const status: AccessStatus = open ? 'OPEN' : conditions.some((c) => c.grantId !== null) ? 'GRANTED' : 'JURISDICTION';
    return { coordinate, status, resource: permission.resource, shareType, legalBasis, conditions };
  });
}

const STATUS_RANK: Readonly<Record<AccessStatus, number>> = { NOT_SHARED: 0, APPLYABLE: 1, JURISDICTION: 2, GRANTED: 3, OPEN: 4 };

/**
 * One unit's access over several declared purposes: a grant fixed to a
 * purpose opens its fields only to reads declaring it, so "my access" is the
 * union of what each of the unit's purposes opens, each way listed once with
 * its purpose (the reader then knows which purpose to declare).
 */
export function mergeAccessEntries(sets: ReadonlyArray<ReadonlyArray<AccessEntryView>>): AccessEntryView[] {
  const merged = new Map<string, AccessEntryView>();
  for (const entry of sets.flat()) {
    const known = merged.get(entry.coordinate);
    if (!known) {
      merged.set(entry.coordinate, entry);
      continue;
    }
    const conditions = [...known.conditions];
    for (const condition of entry.conditions) {
      if (!conditions.some((c) => JSON.stringify(c) === JSON.stringify(condition))) conditions.push(condition);
    }
    const status = STATUS_RANK[entry.status as AccessStatus] > STATUS_RANK[known.status as AccessStatus] ? entry.status : known.status;
    merged.set(entry.coordinate, { ...known, status, conditions });
  }
  return [...merged.values()];
}
