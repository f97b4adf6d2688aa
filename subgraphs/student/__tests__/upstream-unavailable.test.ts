import { graphql } from 'graphql';
import { maskError } from '../../../platform/graphql-errors';
import { freePort } from '../../../test/support/free-port';
import { buildGuardedSchema } from '../../kit/guarded-schema';
import { contextFor, silentLogger } from '../../kit/__tests__/test-permissions';
import { createStudentServices, studentSubgraph } from '../index';

/**
 * A stopped student-status DB (the pool points at a closed port): each field
 * that needed it is UPSTREAM_UNAVAILABLE naming the system, and nothing of the
 * database's address, the driver's error or the SQL reaches the client.
 */
describe('student subgraph with the student-status DB down', () => {
  let port: number;
  let services: ReturnType<typeof createStudentServices>;
  const schema = buildGuardedSchema(studentSubgraph, silentLogger);
  const run = (source: string) => graphql({ schema, source, contextValue: contextFor(studentSubgraph, services) });

  beforeAll(async () => {
    port = await freePort();
    services = createStudentServices({ cellKeySecret: 'test-cell-key-secret', databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, maxPageSize: 500, statementTimeoutMs: 2_000 });
  });
  afterAll(async () => { await services.close(); });

  it.each([
    ['a list', '{ students(first: 5) { edges { node { id } } } }', ['students'], 'Query.students'],
    ['a lookup', '{ school(code: "2144000001") { name } }', ['school'], 'Query.school'],
    ['an entity', '{ _entities(representations: [{ __typename: "Student", id: "x" }]) { ... on Student { id } } }', ['_entities', 0], 'Student'],
  ])('answers %s with UPSTREAM_UNAVAILABLE at its path, without the address', async (_case, query, path, coordinate) => {
    const result = await run(query);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error!.path).toEqual(path);
    expect(error!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', system: 'student-status', coordinate });
    const sent = JSON.stringify(maskError(error!.toJSON(), 'down'));
    for (const secret of ['127.0.0.1', String(port), 'ECONNREFUSED', 'SELECT', 'xsjbxx', 'postgres']) {
      expect(sent).not.toContain(secret);
    }
  });
});
