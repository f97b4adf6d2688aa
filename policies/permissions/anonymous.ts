import type { Catalog } from '../catalog';
import { isStructuralType } from '../coordinates';

/**
 * The anonymous role: a request without a token (Measures 第十九条, open
 * data is published to the public). Its unit code is no unit of the tree, so
 * `effectivePermissions` gives it no jurisdiction and no grants: the open
 * resources over all rows and nothing else. Audit rows name it like a unit.
 */
export const ANONYMOUS_UNIT = 'anonymous';

/**
 * Whether an anonymous operation may select `Type.field`: a coordinate of an
 * open resource; a field of a structural type (it follows its parent); or a
 * field outside the catalog (a key such as `Statistics.query`) on a type all
 * of whose catalog coordinates are open. Root fields outside the catalog (the
 * governance queries, every mutation) are not.
 */
export function anonymousMayRead(catalog: Catalog, typeName: string, fieldName: string): boolean {
  if (fieldName === '__typename') return true;
  const resource = catalog.resourceOf(`${typeName}.${fieldName}`);
  if (resource) return resource.open;
  if (isStructuralType(typeName)) return true;
  return openTypesOf(catalog).get(typeName) ?? false;
}

/**
 * Per type, whether every catalog coordinate on it is open: worked out once
 * per catalog, since an anonymous request asks it for each key field it selects.
 */
const openTypes = new WeakMap<Catalog, ReadonlyMap<string, boolean>>();

function openTypesOf(catalog: Catalog): ReadonlyMap<string, boolean> {
  let types = openTypes.get(catalog);
  if (!types) {
    const open = new Map<string, boolean>();
    for (const resource of catalog.resources) {
      for (const coordinate of resource.coordinates) {
        const typeName = coordinate.slice(0, coordinate.indexOf('.'));
        open.set(typeName, (open.get(typeName) ?? true) && resource.open);
      }
    }
    types = open;
    openTypes.set(catalog, types);
  }
  return types;
}
