import {
  getNamedType, getNullableType, isInputObjectType, isListType, isObjectType, isInterfaceType, Kind,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';

/**
 * The cost of an operation: how many field values it may resolve, with every
 * list weighted by the number of items it may hold. graphql-armor's cost-limit
 * weighs fields by depth and kind but cannot see page sizes, so to it
 * `students(first: 500)` costs what `students(first: 1)` costs; here the page
 * size is the multiplier, which is what the legacy systems actually pay.
 *
 * - a field costs 1 each time it resolves (`__typename` included);
 * - a paged field (one taking `first`, directly or in an input such as
 *   `filter: { first }`) holds `first` items, or `defaultPageSize` without it;
 *   on a connection the page applies to the list inside (`edges`);
 * - `first: $variable` counts as the variable's value when `variables` are
 *   given (the check once the request's variables are known), else as its
 *   default, else as `maxPageSize` (the check at validation, before variables
 *   are read: the worst case);
 * - any other list holds `unpagedListSize` items (a school's classes, a class's students).
 */
export interface CostOptions {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  readonly unpagedListSize: number;
}

type FragmentLookup = (name: string) => FragmentDefinitionNode | undefined | null;

export function operationCost(
  schema: GraphQLSchema, operation: OperationDefinitionNode, fragment: FragmentLookup, options: CostOptions,
  variables?: Readonly<Record<string, unknown>>,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const variableDefaults = new Map(operation.variableDefinitions?.map((v) => [v.variable.name.value, v.defaultValue]) ?? []);
  // A fragment's cost depends only on the page handed down to it, so each is costed once per page size:
  // fragments spreading fragments twice over cannot make this exponential.
  const fragmentCosts = new Map<string, number>();

  const pageSize = (value: ValueNode | undefined | null): number | undefined => {
    if (!value) return undefined;
    if (value.kind === Kind.INT) return Math.max(0, Number.parseInt(value.value, 10));
    if (value.kind === Kind.VARIABLE) {
      const given = variables?.[value.name.value];
      if (typeof given === 'number' && Number.isInteger(given)) return Math.max(0, given);
      return pageSize(variableDefaults.get(value.name.value)) ?? options.maxPageSize;
    }
    return undefined;
  };

  const pageOf = (node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined => {
    let paged = false;
    for (const arg of field.args) {
      const given = node.arguments?.find((a) => a.name.value === arg.name)?.value;
      if (arg.name === 'first') {
        paged = true;
        const size = pageSize(given);
        if (size !== undefined) return size;
      }
      const input = getNamedType(arg.type);
      if (isInputObjectType(input) && input.getFields().first) {
        paged = true;
        const nested = given?.kind === Kind.OBJECT ? given.fields.find((f) => f.name.value === 'first')?.value : undefined;
        const size = pageSize(nested);
        if (size !== undefined) return size;
      }
    }
    return paged ? options.defaultPageSize : undefined;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType, page: number | undefined, path: ReadonlySet<string>): number => {
    let sum = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        sum += 1;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        if (!field || !selection.selectionSet) continue;
        const size = pageOf(selection, field);
        const isList = isListType(getNullableType(field.type));
        const items = isList ? size ?? page ?? options.unpagedListSize : 1;
        sum += items * selectionCost(selection.selectionSet, getNamedType(field.type), isList ? undefined : size, path);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? parent : parent;
        sum += selectionCost(selection.selectionSet, type, page, path);
      } else {
        const name = selection.name.value;
        const definition = fragment(name);
        // A cycle is refused by graphql's NoFragmentCyclesRule; here it only must not loop.
        if (!definition || path.has(name)) continue;
        const key = `${name}@${page ?? ''}`;
        let cost = fragmentCosts.get(key);
        if (cost === undefined) {
          const type = schema.getType(definition.typeCondition.name.value) ?? parent;
          cost = selectionCost(definition.selectionSet, type, page, new Set([...path, name]));
          fragmentCosts.set(key, cost);
        }
        sum += cost;
      }
    }
    return Math.min(sum, Number.MAX_SAFE_INTEGER);
  };

  return selectionCost(operation.selectionSet, root, undefined, new Set());
}
