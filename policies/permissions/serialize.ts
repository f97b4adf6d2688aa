import { z } from 'zod';
import { maskKinds } from '../catalog';
import { deepFreeze } from '../deep-freeze';
import type { CoordinatePermission, Permissions } from './types';

/**
 * Permissions travel from the gateway to the subgraphs inside the signed
 * context, an HTTP header (Node refuses headers over 16 KiB by default). The
 * wire form therefore stores each distinct coordinate permission once and
 * names coordinates by type and field: a district bureau of the city-sized
 * data set fits in a few KiB, most of it its school list.
 *
 * `parsePermissions` also reads the in-memory shape (`Permissions` as JSON),
 * for a gateway that signs the object as it is.
 *
 * The signature says who wrote the permissions; the shape is checked here, so
 * a subgraph rejects a context whose permissions do not parse instead of
 * guessing (a missing field must never read as "allowed").
 */

const rowScopeSchema = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ all: z.literal(false), districts: z.array(z.string()), schools: z.array(z.string()) }),
]);

const accessPathSchema = z.strictObject({
  scope: z.string(),
  mask: z.enum(maskKinds).optional(),
  grantId: z.string().optional(),
  purpose: z.string().optional(),
});

const coordinatePermissionSchema = z.union([
  z.strictObject({ allowed: z.literal(true), resource: z.string(), paths: z.array(accessPathSchema).min(1) }),
  z.strictObject({
    allowed: z.literal(false),
    resource: z.string(),
    code: z.enum(['NOT_SHARED', 'NOT_GRANTED']),
    legalBasis: z.string().optional(),
    reason: z.union([
      z.strictObject({ kind: z.literal('PURPOSE'), purposes: z.array(z.string()).min(1) }),
      z.strictObject({ kind: z.literal('EXPIRED'), expiredAt: z.string() }),
    ]).optional(),
  }),
]);

/** Every path must name a scope the permissions carry. */
function checkScopes(
  scopes: Readonly<Record<string, unknown>>, permissions: Iterable<[PropertyKey, CoordinatePermission]>, at: string, ctx: z.RefinementCtx,
): void {
  for (const [key, permission] of permissions) {
    if (!permission.allowed) continue;
    permission.paths.forEach((path, j) => {
      if (!Object.prototype.hasOwnProperty.call(scopes, path.scope)) {
        ctx.addIssue({ code: 'custom', path: [at, key, 'paths', j, 'scope'], message: `unknown scope ${path.scope}` });
      }
    });
  }
}

const plainSchema = z
  .strictObject({
    unit: z.string().min(1),
    coordinates: z.record(z.string(), coordinatePermissionSchema),
    scopes: z.record(z.string(), rowScopeSchema),
  })
  .superRefine((perms, ctx) => checkScopes(perms.scopes, Object.entries(perms.coordinates), 'coordinates', ctx));

const wireSchema = z
  .strictObject({
    v: z.literal(1),
    unit: z.string().min(1),
    scopes: z.record(z.string(), rowScopeSchema),
    /** The distinct permissions. */
    values: z.array(coordinatePermissionSchema),
    /** Type → field → index into `values`. */
    fields: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())),
  })
  .superRefine((wire, ctx) => {
    checkScopes(wire.scopes, wire.values.entries(), 'values', ctx);
    for (const [typeName, fields] of Object.entries(wire.fields)) {
      for (const [field, index] of Object.entries(fields)) {
        if (index >= wire.values.length) {
          ctx.addIssue({ code: 'custom', path: ['fields', typeName, field], message: `no value #${index}` });
        }
      }
    }
  });

export type SerializedPermissions = z.infer<typeof wireSchema>;

/** The compact JSON form of permissions for the signed context; `parsePermissions` reads it back. */
export function serializePermissions(perms: Permissions): SerializedPermissions {
  const values: CoordinatePermission[] = [];
  const indexByValue = new Map<string, number>();
  const fields: Record<string, Record<string, number>> = {};
  for (const coordinate of Object.keys(perms.coordinates).sort()) {
    const permission = perms.coordinates[coordinate]!;
    const key = JSON.stringify(permission);
    let index = indexByValue.get(key);
    if (index === undefined) {
      index = values.push(permission) - 1;
      indexByValue.set(key, index);
    }
    const dot = coordinate.indexOf('.');
    (fields[coordinate.slice(0, dot)] ??= {})[coordinate.slice(dot + 1)] = index;
  }
  return JSON.parse(JSON.stringify({ v: 1, unit: perms.unit, scopes: perms.scopes, values, fields })) as SerializedPermissions;
}

/**
 * Validates permissions read from a signed context, in the wire form (`v: 1`)
 * or the in-memory shape; throws a readable error naming the first problem.
 */
export function parsePermissions(value: unknown): Permissions {
  if (typeof value === 'object' && value !== null && 'v' in value) {
    const { unit, scopes, values, fields } = parseWith(wireSchema, value);
    const coordinates: Record<string, CoordinatePermission> = {};
    for (const [typeName, byField] of Object.entries(fields)) {
      for (const [field, index] of Object.entries(byField)) coordinates[`${typeName}.${field}`] = values[index]!;
    }
    return deepFreeze({ unit, coordinates, scopes });
  }
  return deepFreeze(parseWith(plainSchema, value));
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`permissions in the signed context do not parse: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}
