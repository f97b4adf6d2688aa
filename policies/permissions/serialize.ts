import { z } from 'zod';
import { maskKinds } from '../catalog';
import { deepFreeze } from '../deep-freeze';
import type { Permissions } from './types';

/**
 * Permissions travel from the gateway to the subgraphs inside the signed
 * context. The signature says who wrote them; the shape is checked here, so a
 * subgraph rejects a context whose permissions do not parse instead of
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
  }),
]);

const permissionsSchema = z
  .strictObject({
    unit: z.string().min(1),
    coordinates: z.record(z.string(), coordinatePermissionSchema),
    scopes: z.record(z.string(), rowScopeSchema),
  })
  .superRefine((perms, ctx) => {
    for (const [coordinate, permission] of Object.entries(perms.coordinates)) {
      if (!permission.allowed) continue;
      permission.paths.forEach((path, i) => {
        if (!Object.prototype.hasOwnProperty.call(perms.scopes, path.scope)) {
          ctx.addIssue({ code: 'custom', path: ['coordinates', coordinate, 'paths', i, 'scope'], message: `unknown scope ${path.scope}` });
        }
      });
    }
  });

/** The permissions as plain JSON data for the signed context (no undefined members, stable key order). */
export function serializePermissions(perms: Permissions): unknown {
  return JSON.parse(JSON.stringify(perms)) as unknown;
}

/** Validates permissions read from a signed context; throws a readable error naming the first problem. */
export function parsePermissions(value: unknown): Permissions {
  const result = permissionsSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`permissions in the signed context do not parse: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return deepFreeze(result.data);
}
