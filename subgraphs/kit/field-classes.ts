import { isObjectType, Kind, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { isStructuralType } from '../../policies/coordinates';

/**
 * Sorts every field of a subgraph schema into the one way it is authorized:
 * - `federation`: `Query._service`, `Query._entities` and the `_Service` type,
 *   the gateway's plumbing. Allowed deliberately: the signed context already
 *   proved the caller is the gateway, and each field of each returned entity
 *   is guarded on its own.
 * - `key`: the fields of an `@key`. The gateway fetches them to join entities
 *   across subgraphs, and strips from the client's operation, before planning,
 *   any the client may not see; refusing them here would break joins the
 *   client did not cause. They are never masked.
 * - `catalog`: a coordinate of the data resource catalog: guarded by its rule.
 * - `structural`: a field of a value or paging type (Gender, PageInfo,
 *   *Connection …): it follows the field that returned it.
 * - `unclassified`: none of these. No field should be; shield's fallback rule
 *   denies any that is.
 */
export type FieldClass = 'federation' | 'key' | 'catalog' | 'structural' | 'unclassified';

export interface ClassifiedField {
  readonly coordinate: string;
  readonly typeName: string;
  readonly fieldName: string;
  readonly fieldClass: FieldClass;
}

export function classifyFields(schema: GraphQLSchema, isCatalogCoordinate: (coordinate: string) => boolean): ClassifiedField[] {
  const classified: ClassifiedField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const keys = keyFieldsOf(type);
    const isRoot = type === schema.getQueryType();
    for (const fieldName of Object.keys(type.getFields())) {
      const coordinate = `${type.name}.${fieldName}`;
      let fieldClass: FieldClass = 'unclassified';
      if (type.name.startsWith('_') || (isRoot && fieldName.startsWith('_'))) fieldClass = 'federation';
      else if (keys.has(fieldName)) fieldClass = 'key';
      else if (isCatalogCoordinate(coordinate)) fieldClass = 'catalog';
      else if (isStructuralType(type.name)) fieldClass = 'structural';
      classified.push({ coordinate, typeName: type.name, fieldName, fieldClass });
    }
  }
  return classified;
}

/** The top-level field names of every `@key(fields: "…")` on the type (nested selections belong to other types). */
export function keyFieldsOf(type: GraphQLObjectType): ReadonlySet<string> {
  const names = new Set<string>();
  for (const node of [type.astNode, ...type.extensionASTNodes]) {
    for (const directive of node?.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.STRING) continue;
      let depth = 0;
      for (const token of fields.value.match(/[{}]|[_A-Za-z]\w*/g) ?? []) {
        if (token === '{') depth++;
        else if (token === '}') depth--;
        else if (depth === 0) names.add(token);
      }
    }
  }
  return names;
}
