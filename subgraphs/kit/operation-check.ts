import {
  getNamedType, isAbstractType, isObjectType, Kind, type GraphQLError, type GraphQLNamedType, type GraphQLResolveInfo,
  type GraphQLSchema, type SelectionSetNode,
} from 'graphql';
import type { IMiddlewareFunction, IMiddlewareTypeMap } from 'graphql-middleware';
import type { CoordinateDecision } from './catalog-rules';
import type { BaseSubgraphContext } from './subgraph-definition';

/**
 * The once-per-operation half of the guard (in the manner of Envelop's
 * operation-field-permissions): before an entry point resolves, every schema
 * coordinate its selection reaches (through fragments, and on each possible
 * type of an abstract one) is decided against the request's permissions, once,
 * and the verdicts kept for the request. A catalog field that is a plain
 * property then costs one map look-up per record instead of a shield rule;
 * fields with resolvers of their own keep their shield rule.
 */
const verdicts = new WeakMap<object, Map<string, true | GraphQLError>>();

/** The verdict the operation check reached for a coordinate in this request, deciding it now if the check did not see it. */
export function requestVerdict(context: BaseSubgraphContext, decision: CoordinateDecision): true | GraphQLError {
  const known = verdicts.get(context)?.get(decision.coordinate);
  return known ?? decision.forRequest(context);
}

export function operationCheckMiddleware(schema: GraphQLSchema, decisions: ReadonlyMap<string, CoordinateDecision>): IMiddlewareTypeMap {
  const check: IMiddlewareFunction = (resolve, parent, args, context: BaseSubgraphContext, info) => {
    let decided = verdicts.get(context);
    if (!decided) {
      decided = new Map();
      verdicts.set(context, decided);
    }
    for (const coordinate of selectedCoordinates(schema, info)) {
      const decision = decisions.get(coordinate);
      if (decision && !decided.has(coordinate)) decided.set(coordinate, decision.forRequest(context));
    }
    return resolve(parent, args, context, info);
  };
  const map: IMiddlewareTypeMap = {};
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (root) map[root.name] = Object.fromEntries(Object.keys(root.getFields()).map((name) => [name, check]));
  }
  return map;
}

/** Every `Type.field` the entry point's selection reaches, its own coordinate included. */
export function selectedCoordinates(schema: GraphQLSchema, info: GraphQLResolveInfo): Set<string> {
  const found = new Set<string>([`${info.parentType.name}.${info.fieldName}`]);
  const visited = new Set<string>();
  const visit = (type: GraphQLNamedType, selectionSet: SelectionSetNode | undefined) => {
    if (!selectionSet) return;
    const concrete = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        for (const object of concrete) {
          const field = object.getFields()[selection.name.value];
          if (!field) continue;
          found.add(`${object.name}.${field.name}`);
          visit(getNamedType(field.type), selection.selectionSet);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? type : type, selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        // A fragment is walked once per type it is spread on: fragments that spread each other cannot loop.
        const key = `${selection.name.value} ${type.name}`;
        if (!fragment || visited.has(key)) continue;
        visited.add(key);
        visit(schema.getType(fragment.typeCondition.name.value) ?? type, fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(getNamedType(info.returnType), node.selectionSet);
  return found;
}
