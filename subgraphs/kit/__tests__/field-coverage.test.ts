import { buildSubgraphSchema } from '@apollo/subgraph';
import { facility } from '../../facility';
import { studentSubgraph } from '../../student';
import { teacherSubgraph } from '../../teacher';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { shieldedCoordinates } from '../catalog-guard';
import { classifyFields, type FieldClass } from '../field-classes';
import { catalog, silentLogger } from './test-permissions';

/**
 * Every field of every data subgraph is authorized one known way: a catalog
 * coordinate, a field of a structural type, a federation field or a key
 * field. An unclassified field would be refused by the fallback rule at run
 * time; this test finds it first.
 */
const definitions = [studentSubgraph, teacherSubgraph, facility];

describe.each(definitions.map((d) => [d.name, d] as const))('the %s subgraph schema', (_name, definition) => {
  const schema = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as never }]);
  const fields = classifyFields(schema, (coordinate) => catalog.resourceOf(coordinate) !== undefined);
  const byClass = (fieldClass: FieldClass) => fields.filter((f) => f.fieldClass === fieldClass).map((f) => f.coordinate).sort();

  it('has no field outside the catalog that is not structural, federation or key', () => {
    expect(byClass('unclassified')).toEqual([]);
  });

  it('lets only the federation fields through as such', () => {
    expect(byClass('federation')).toEqual(['Query._entities', 'Query._service', '_Service.sdl']);
  });

  it('builds its guard (every type with catalog fields has a record locator)', () => {
    expect(() => definition.guard(schema, silentLogger)).not.toThrow();
  });

  it('leaves no field without a decision: shield or the record step wraps it, or its class allows it', () => {
    const guarded = definition.guard(schema, silentLogger);
    const shielded = shieldedCoordinates(schema, fields);
    const resolverOf = (of: GraphQLSchema, typeName: string, fieldName: string) => {
      const type = of.getType(typeName);
      return isObjectType(type) ? type.getFields()[fieldName]?.resolve : undefined;
    };
    const unwrapped = fields.filter((f) => resolverOf(guarded, f.typeName, f.fieldName) === resolverOf(schema, f.typeName, f.fieldName));
    // A field the guard did not wrap is read as it is: only a key, structural or federation field may be, never a catalog or unclassified one.
    expect(unwrapped.filter((f) => !['key', 'structural', 'federation'].includes(f.fieldClass)).map((f) => f.coordinate)).toEqual([]);
    // Entry points (`_entities` among them) and every field with a resolver of its own are shield's.
    const mustBeShielded = fields.filter((f) => f.typeName === 'Query' || resolverOf(schema, f.typeName, f.fieldName) !== undefined);
    expect(mustBeShielded.filter((f) => !shielded.has(f.coordinate)).map((f) => f.coordinate)).toEqual([]);
    expect(shielded.has('Query._entities')).toBe(true);
    expect(unwrapped.filter((f) => shielded.has(f.coordinate)).map((f) => f.coordinate)).toEqual([]);
  });
});

it.each([
  ['student', studentSubgraph, ['Class.id', 'School.code', 'Statistics.query', 'Student.id', 'Teacher.id']],
  ['teacher', teacherSubgraph, ['School.code', 'Statistics.query', 'Teacher.id']],
  ['facility', facility, ['Building.id', 'School.code', 'Statistics.query']],
] as const)('finds the @key fields of the %s subgraph', (_name, definition, keys) => {
  const schema = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as never }]);
  const found = classifyFields(schema, (coordinate) => catalog.resourceOf(coordinate) !== undefined)
    .filter((f) => f.fieldClass === 'key').map((f) => f.coordinate).sort();
  expect(found).toEqual(keys);
});
