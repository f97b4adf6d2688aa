import { Kind, type DocumentNode } from 'graphql';
import type { Permissions } from '../../policies/permissions/types';

/**
 * The part of a request's permissions one subgraph needs: the coordinates of
 * the types it defines or extends, and the scopes those use. Keeps the signed
 * context small (it travels in a header) and tells each subgraph nothing about
 * the others.
 */
export function typeNamesOf(typeDefs: DocumentNode): ReadonlySet<string> {
  const names = new Set<string>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) names.add(definition.name.value);
  }
  return names;
}

const cache = new WeakMap<Permissions, Map<ReadonlySet<string>, Permissions>>();

export function permissionsForAudience(permissions: Permissions, typeNames: ReadonlySet<string>): Permissions {
  let perAudience = cache.get(permissions);
  if (!perAudience) {
    perAudience = new Map();
    cache.set(permissions, perAudience);
  }
  const cached = perAudience.get(typeNames);
  if (cached) return cached;
  const coordinates: Permissions['coordinates'] = Object.fromEntries(
    Object.entries(permissions.coordinates).filter(([coordinate]) => typeNames.has(coordinate.slice(0, coordinate.indexOf('.')))),
  );
  const usedScopes = new Set<string>();
  for (const permission of Object.values(coordinates)) if (permission.allowed) for (const path of permission.paths) usedScopes.add(path.scope);
  const scopes = Object.fromEntries(Object.entries(permissions.scopes).filter(([id]) => usedScopes.has(id)));
  const filtered: Permissions = { unit: permissions.unit, coordinates, scopes };
  perAudience.set(typeNames, filtered);
  return filtered;
}
