import {
  Kind, TypeInfo, isListType, isNonNullType, visit, visitWithTypeInfo,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, type GraphQLType,
  type InlineFragmentNode, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from 'graphql';
import type { CoordinatePermission, NotGrantedReason, RefusalCode } from '../../policies/permissions/types';

/**
 * Removes the fields a request may not see from its operation before the
 * gateway plans it (DESIGN.md "Decide once, enforce everywhere"), so a refused
 * field costs no subgraph fetch and no legacy call. Each removed selection is
 * reported with its response path; list levels are written `@` (as Apollo
 * Router's authorization errors do), so one error stands for every item.
 */
export interface RefusedSelection {
  readonly path: ReadonlyArray<string>;
  readonly coordinate: string;
  readonly code: RefusalCode;
  readonly resource: string;
  readonly legalBasis?: string;
  readonly reason?: NotGrantedReason;
}

export interface StrippedOperation {
  /** The operation to plan; the same object when nothing was removed. */
  readonly document: DocumentNode;
  readonly refused: ReadonlyArray<RefusedSelection>;
  /** Catalog coordinates the stripped operation still selects, with the response paths they fill. */
  readonly served: ReadonlyMap<string, ReadonlyArray<ReadonlyArray<string>>>;
  /** Whether a placeholder selection was added where stripping emptied a selection set. */
  readonly placeholders: boolean;
}

/** The response key of the selection added where stripping left nothing to select. */
export const PLACEHOLDER_KEY = 'edupoolStripped';

const placeholderField: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: PLACEHOLDER_KEY },
  name: { kind: Kind.NAME, value: '__typename' },
};

export function stripRefusedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  permissionOf: (coordinate: string) => CoordinatePermission | undefined,
): StrippedOperation {
  const inlined = inlineFragments(document, operationName);
  const refused: RefusedSelection[] = [];
  const served = new Map<string, Array<ReadonlyArray<string>>>();
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const pushed: number[] = [];
  let placeholders = false;

  // A field or fragment whose whole selection was refused goes too, so it costs no fetch; its value is
  // rebuilt from the refused paths in the answer. Only an emptied operation needs a placeholder.
  const emptied = <T extends { selectionSet?: SelectionSetNode }>(node: T): T | null | undefined => {
    if (!node.selectionSet || node.selectionSet.selections.length > 0) return undefined;
    return null;
  };
  let refusedDepth = 0;

  const stripped = visit(inlined, visitWithTypeInfo(typeInfo, {
    Field: {
      enter(node) {
        const parent = typeInfo.getParentType();
        const coordinate = parent ? `${parent.name}.${node.name.value}` : node.name.value;
        const responseKey = node.alias?.value ?? node.name.value;
        const permission = permissionOf(coordinate);
        const levels = listLevels(typeInfo.getType());
        const fieldPath = [...path, responseKey];
        path.push(responseKey, ...Array<string>(levels).fill('@'));
        pushed.push(levels + 1);
        if (permission && !permission.allowed) {
          // Children are still visited, so the client learns every resource the selection needs at once.
          refused.push({
            path: fieldPath,
            coordinate,
            code: permission.code,
            resource: permission.resource,
            ...(permission.legalBasis ? { legalBasis: permission.legalBasis } : {}),
            ...(permission.reason ? { reason: permission.reason } : {}),
          });
          refusedDepth += 1;
          return undefined;
        }
        if (permission && refusedDepth === 0) {
          const paths = served.get(coordinate) ?? [];
          paths.push(fieldPath);
          served.set(coordinate, paths);
        }
        return undefined;
      },
      leave(node) {
        path.length -= pushed.pop() ?? 0;
        const parent = typeInfo.getParentType();
        const permission = permissionOf(parent ? `${parent.name}.${node.name.value}` : node.name.value);
        if (permission && !permission.allowed) {
          refusedDepth -= 1;
          return null;
        }
        return emptied(node);
      },
    },
    InlineFragment: { leave: (node: InlineFragmentNode) => emptied(node) },
    OperationDefinition: {
      leave(node: OperationDefinitionNode) {
        if (node.selectionSet.selections.length > 0) return undefined;
        placeholders = true;
        return { ...node, selectionSet: { ...node.selectionSet, selections: [placeholderField] } };
      },
    },
  }));
  return { document: refused.length > 0 ? stripped : document, refused, served, placeholders };
}

function listLevels(type: GraphQLType | null | undefined): number {
  let levels = 0;
  let current = type;
  while (current && (isListType(current) || isNonNullType(current))) {
    if (isListType(current)) levels += 1;
    current = current.ofType;
  }
  return levels;
}

/**
 * Replaces named fragment spreads with inline fragments, so every selection
 * has exactly one response path, and keeps only the operation to execute.
 */
function inlineFragments(document: DocumentNode, operationName: string | null | undefined): DocumentNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operations.find((o) => (operationName ? o.name?.value === operationName : true)) ?? operations[0];
  if (!operation) return document;
  if (fragments.size === 0 && operations.length === 1) return document;
  const expand = (selectionSet: SelectionSetNode): SelectionSetNode => ({
    ...selectionSet,
    selections: selectionSet.selections.map((selection): SelectionNode => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value)!;
        return {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          ...(selection.directives ? { directives: selection.directives } : {}),
          selectionSet: expand(fragment.selectionSet),
        };
      }
      return selection.selectionSet ? { ...selection, selectionSet: expand(selection.selectionSet) } : selection;
    }),
  });
  return { ...document, definitions: [{ ...operation, selectionSet: expand(operation.selectionSet) }] };
}
