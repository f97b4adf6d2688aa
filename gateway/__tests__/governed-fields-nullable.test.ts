import { Supergraph } from '@apollo/federation-internals';
import { isNonNullType, isObjectType } from 'graphql';
import { poolCatalog } from '../../scripts/pool-parts';
import { facility } from '../../subgraphs/facility';
import { governanceSubgraph } from '../../subgraphs/governance';
import { studentSubgraph } from '../../subgraphs/student';
import { teacherSubgraph } from '../../subgraphs/teacher';
import { composeSupergraph } from '../supergraph';

/**
 * A refusal answers one field with null and an error at its path (GraphQL's
 * null propagation): a non-null governed field would null its parent instead,
 * wiping a record or a whole list, or be served null against its own type.
 * So every coordinate the catalog governs is nullable in the supergraph, and
 * so in every subgraph that defines it (composition keeps the nullable type
 * only when every subgraph has it nullable, for output fields).
 */
const catalog = poolCatalog();
const subgraphs = [studentSubgraph, teacherSubgraph, facility, governanceSubgraph];
const supergraphSdl = composeSupergraph(subgraphs.map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: `http://${s.name}.invalid/graphql` })));
const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
const governed = catalog.resources.flatMap((resource) => resource.coordinates.filter((coordinate) => {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  return isObjectType(type) && type.getFields()[fieldName] !== undefined;
}));

it('finds the catalog\'s coordinates in the supergraph (the walk below is not empty)', () => {
  expect(governed.length).toBeGreaterThan(50);
});

it('has every governed coordinate nullable', () => {
  const nonNull = governed.filter((coordinate) => {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    return isObjectType(type) && isNonNullType(type.getFields()[fieldName]!.type);
  });
  expect(nonNull).toEqual([]);
});
