import { loadDefaultCatalog, type MaskKind } from '../../catalog';
import { strictestMask } from '../../masks';
import { createUnitTree } from '../../unit-tree';
import { fixedUnits, schoolUnit } from '../../units';
import { effectivePermissions } from '../effective-permissions';
import { accessForRecord, rowScopeOf, type RecordAccess } from '../lookups';
import type { Grant, NotGrantedReason, Permissions, RefusalCode, RowScope, TokenScope } from '../types';

/** Two schools in 天河区 (440106), one in 白云区 (440111). */
export const TIANHE_PRIMARY = '2144010601';
export const TIANHE_JUNIOR = '3144010602';
export const BAIYUN_PRIMARY = '2144011101';

export const tree = createUnitTree([
  ...fixedUnits,
  schoolUnit(TIANHE_PRIMARY, '广州市天河区示例第一小学', '440106'),
  schoolUnit(TIANHE_JUNIOR, '广州市天河区示例中学', '440106'),
  schoolUnit(BAIYUN_PRIMARY, '广州市白云区示例小学', '440111'),
]);
export const catalog = loadDefaultCatalog(tree);

export const NOW = new Date('2026-03-01T10:00:00+08:00');

export const ALL: RowScope = { all: true };
export const TIANHE: RowScope = { all: false, districts: ['440106'], schools: [TIANHE_PRIMARY, TIANHE_JUNIOR] };
export const BAIYUN: RowScope = { all: false, districts: ['440111'], schools: [BAIYUN_PRIMARY] };

/** Who asks, with which grants and token, when. */
export interface Setup {
  readonly unit: string;
  readonly grants?: ReadonlyArray<Grant>;
  readonly token?: TokenScope;
  readonly now?: Date;
}

/** The purpose `grant()` fixes by default; a setup without a token declares it, as a well-behaved client does. */
export const GRANT_PURPOSE = '入学资格核验';

export function permissionsFor(setup: Setup): Permissions {
  return effectivePermissions({
    unit: setup.unit,
    unitTree: tree,
    catalog,
    grants: setup.grants ?? [],
    token: setup.token ?? { purpose: GRANT_PURPOSE },
    now: setup.now ?? NOW,
  });
}

/** A grant active at NOW over every record, for its id's application; override what the case is about. */
export function grant(fields: Pick<Grant, 'id' | 'grantee' | 'resource' | 'coordinates'> & Partial<Grant>): Grant {
  return {
    rowScope: [],
    masks: {},
    purpose: GRANT_PURPOSE,
    validFrom: new Date('2026-01-01T00:00:00+08:00'),
    validUntil: new Date('2026-07-01T00:00:00+08:00'),
    applicationId: `app-${fields.id}`,
    ...fields,
  };
}

export interface Granted {
  /** The union of the field's scopes (what a list query pushes down). */
  readonly scope?: RowScope;
  /** The most restrictive mask over the field's paths; null = none. */
  readonly mask?: MaskKind | null;
  /** The grants behind the field's paths, sorted. */
  readonly grantIds?: ReadonlyArray<string>;
}

export function expectGranted(setup: Setup, coordinate: string, expected: Granted = {}): Permissions {
  const perms = permissionsFor(setup);
  const permission = perms.coordinates[coordinate];
  if (!permission?.allowed) throw new Error(`${coordinate} refused: ${JSON.stringify(permission)}`);
  if (expected.scope !== undefined) expect(rowScopeOf(perms, coordinate)).toEqual(expected.scope);
  if (expected.mask !== undefined) expect(strictestMask(permission.paths.map((p) => p.mask)) ?? null).toBe(expected.mask);
  if (expected.grantIds !== undefined) {
    expect(permission.paths.flatMap((p) => (p.grantId === undefined ? [] : [p.grantId])).sort()).toEqual(expected.grantIds);
  }
  return perms;
}

/**
 * The exact refusal: the coordinate's resource, the code, for NOT_SHARED the
 * resource's legal basis, and for NOT_GRANTED why a grant the unit holds
 * does not serve (none = never granted).
 */
export function expectDenied(setup: Setup, coordinate: string, code: RefusalCode, reason?: NotGrantedReason): void {
  const perms = permissionsFor(setup);
  const resource = catalog.resourceOf(coordinate)!;
  expect(perms.coordinates[coordinate]).toEqual({
    allowed: false,
    resource: resource.code,
    code,
    ...(code === 'NOT_SHARED' ? { legalBasis: resource.legalBasis } : {}),
    ...(reason ? { reason } : {}),
  });
  expect(rowScopeOf(perms, coordinate)).toBeUndefined();
  expect(accessForRecord(perms, coordinate, TIANHE_PRIMARY)).toEqual({ allowed: false, code });
}

export function expectRecord(setup: Setup, coordinate: string, schoolCode: string, expected: RecordAccess): void {
  expect(accessForRecord(permissionsFor(setup), coordinate, schoolCode)).toEqual(expected);
}
