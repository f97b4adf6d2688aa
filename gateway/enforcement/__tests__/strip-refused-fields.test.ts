import { buildSchema, parse, print } from 'graphql';
import type { CoordinatePermission } from '../../../policies/permissions/types';
import { answerRefusals, countValues } from '../answer-refusals';
import { PLACEHOLDER_KEY, stripRefusedFields } from '../strip-refused-fields';

const schema = buildSchema(`
  type Query { students: [Student!]! student(id: ID!): Student }
  type Student { id: ID! name: String idNumber: String healthStatus: String guardians: [Guardian!]! }
  type Guardian { name: String phone: String }
`);

const allowed: CoordinatePermission = { allowed: true, resource: 'GZJY-XS-001', paths: [{ scope: 'all' }] };
const permissions: Record<string, CoordinatePermission> = {
  'Query.students': allowed,
  'Query.student': allowed,
  'Student.id': allowed,
  'Student.name': allowed,
  'Student.idNumber': { allowed: false, resource: 'GZJY-XS-002', code: 'NOT_GRANTED' },
  'Student.healthStatus': { allowed: false, resource: 'GZJY-XS-006', code: 'NOT_SHARED', legalBasis: '个人信息保护法第二十八条' },
  'Student.guardians': allowed,
  'Guardian.name': allowed,
  'Guardian.phone': { allowed: false, resource: 'GZJY-XS-004', code: 'NOT_GRANTED' },
};

function strip(query: string, operationName?: string) {
  return stripRefusedFields(schema, parse(query), operationName, (c) => permissions[c]);
}

describe('stripRefusedFields', () => {
  it('keeps the document untouched when nothing is refused', () => {
    const document = parse('{ students { id name } }');
    const result = stripRefusedFields(schema, document, undefined, (c) => permissions[c]);
    expect(result.document).toBe(document);
    expect(result.refused).toEqual([]);
    expect([...result.served.keys()]).toEqual(['Query.students', 'Student.id', 'Student.name']);
  });

  it('reports refused fields inside a refused field too, so every needed resource is named at once', () => {
    const narrow: Record<string, CoordinatePermission> = { ...permissions, 'Query.students': { allowed: false, resource: 'GZJY-XS-001', code: 'NOT_GRANTED' } };
    const result = stripRefusedFields(schema, parse('{ students { name idNumber } }'), undefined, (c) => narrow[c]);
    expect(result.refused.map((r) => [r.coordinate, r.path])).toEqual([
      ['Query.students', ['students']],
      ['Student.idNumber', ['students', '@', 'idNumber']],
    ]);
    expect(result.served.size).toBe(0);
  });

  it('removes refused fields and reports each at its path, lists as @', () => {
    const result = strip('{ students { name idNumber healthStatus guardians { name phone } } }');
    expect(print(result.document)).toBe(print(parse('{ students { name guardians { name } } }')));
    expect(result.refused).toEqual([
      { path: ['students', '@', 'idNumber'], coordinate: 'Student.idNumber', code: 'NOT_GRANTED', resource: 'GZJY-XS-002' },
      { path: ['students', '@', 'healthStatus'], coordinate: 'Student.healthStatus', code: 'NOT_SHARED', resource: 'GZJY-XS-006', legalBasis: '个人信息保护法第二十八条' },
      { path: ['students', '@', 'guardians', '@', 'phone'], coordinate: 'Guardian.phone', code: 'NOT_GRANTED', resource: 'GZJY-XS-004' },
    ]);
  });

  it('follows aliases and named fragments to the response path', () => {
    const result = strip(`query Q { pupils: students { ...F } }
      fragment F on Student { name id: idNumber }`, 'Q');
    expect(result.refused.map((r) => r.path)).toEqual([['pupils', '@', 'id']]);
    expect(print(result.document)).not.toContain('fragment');
  });

  it('picks the operation by name', () => {
    const result = strip('query A { students { idNumber name } } query B { student(id: "1") { name } }', 'B');
    expect(result.refused).toEqual([]);
    expect([...result.served.keys()]).toEqual(['Query.student', 'Student.name']);
  });

  it('drops a field whose whole selection was refused, and rebuilds its shape in the answer', () => {
    const result = strip('{ student(id: "1") { idNumber } }');
    expect(result.placeholders).toBe(true);
    expect(print(result.document)).toBe(print(parse(`{ ${PLACEHOLDER_KEY}: __typename }`)));
    const data = { [PLACEHOLDER_KEY]: 'Query' } as Record<string, unknown>;
    const errors = answerRefusals(data, result.refused, result.placeholders);
    expect(data).toEqual({ student: { idNumber: null } });
    expect(errors).toEqual([expect.objectContaining({ path: ['student', 'idNumber'], extensions: expect.objectContaining({ code: 'NOT_GRANTED', coordinate: 'Student.idNumber', resource: 'GZJY-XS-002' }) })]);
  });
});

describe('answerRefusals', () => {
  it('sets null at every list item and cites the legal basis for NOT_SHARED', () => {
    const result = strip('{ students { name healthStatus } }');
    const data = { students: [{ name: '张三' }, { name: '李四' }] } as Record<string, unknown>;
    const [error] = answerRefusals(data, result.refused, result.placeholders);
    expect(data).toEqual({ students: [{ name: '张三', healthStatus: null }, { name: '李四', healthStatus: null }] });
    expect(error).toMatchObject({
      path: ['students', '@', 'healthStatus'],
      extensions: { code: 'NOT_SHARED', coordinate: 'Student.healthStatus', resource: 'GZJY-XS-006', legalBasis: '个人信息保护法第二十八条' },
    });
    expect(error!.message).toContain('个人信息保护法第二十八条');
  });

  it('leaves a null parent alone', () => {
    const result = strip('{ student(id: "x") { name idNumber } }');
    const data = { student: null };
    answerRefusals(data, result.refused, result.placeholders);
    expect(data).toEqual({ student: null });
  });
});

describe('countValues', () => {
  it.each([
    [{ students: [{ name: 'a' }, { name: null }, { name: 'c' }] }, ['students', '@', 'name'], 2],
    [{ students: [{ guardians: [{ name: 'x' }, { name: 'y' }] }, { guardians: [] }] }, ['students', '@', 'guardians', '@', 'name'], 2],
    [{ student: null }, ['student', 'name'], 0],
  ])('%j at %j = %i', (data, path, expected) => {
    expect(countValues(data, path)).toBe(expected);
  });
});
