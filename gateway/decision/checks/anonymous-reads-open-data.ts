import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { errors } from '../../../policies/errors';
import { ANONYMOUS_UNIT, anonymousMayRead } from '../../../policies/permissions';
import type { Catalog } from '../../../policies';
import { rejectWith, type RequestCheck } from '../request-decision';

/** The fields an anonymous operation selects that are not open data, as coordinates. */
export function closedSelections(schema: GraphQLSchema, document: DocumentNode, catalog: Catalog): string[] {
  const closed = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    OperationDefinition(node) {
      if (node.operation !== 'query') closed.add(node.operation);
    },
    Field(node) {
      const parent = typeInfo.getParentType();
      if (parent && !anonymousMayRead(catalog, parent.name, node.name.value)) closed.add(`${parent.name}.${node.name.value}`);
    },
  }));
  return [...closed];
}

/**
 * Open data without a token (Measures 第十九条): an anonymous operation that
 * selects anything but open data is refused as a whole, UNAUTHENTICATED
 * (401) with the usual hint on how to get a token, naming what needs one.
 */
export const anonymousReadsOpenData: RequestCheck = (input, admitted) => {
  if (input.context.unit !== ANONYMOUS_UNIT) return admitted;
  const closed = closedSelections(input.schema, input.document, input.settings.catalog);
  if (closed.length === 0) return admitted;
  return rejectWith(errors.unauthenticated(`Without a token only open data may be read; ${closed.join(', ')} need a token.`), 401);
};
