import { buildSubgraphSchema } from '@apollo/subgraph';
import { facility } from '../../facility';
import { studentSubgraph } from '../../student';
import { teacherSubgraph } from '../../teacher';
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
