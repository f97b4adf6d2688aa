import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * A legacy system that is down costs only its own fields: they come back as
 * UPSTREAM_UNAVAILABLE naming the system, everything else is answered, and no
 * internal address or stack reaches the client.
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

it('a stopped teacher HR API gives UPSTREAM_UNAVAILABLE on the teacher fields and the rest of the data', async () => {
  const query = `{ students(first: 10) { edges { node { id name school { name } class { name headTeacher { name } } } } } }`;
  const before = await pool.graphql(query);
  expect(before.body.errors).toBeUndefined();

  await pool.pool.legacy.teacherApi!.close();
  const { status, body } = await pool.graphql(query);

  expect(status).toBe(200);
  const edges = (body.data?.students as { edges: Array<{ node: { id: string; name: string; school: { name: string }; class: { name: string; headTeacher: unknown } } }> }).edges;
  expect(edges).toHaveLength(10);
  for (const { node } of edges) {
    expect(node.name).toBeTruthy();
    expect(node.school.name).toBeTruthy();
    expect(node.class.name).toBeTruthy();
    // The head teacher's reference comes from the student DB; only the HR system's field is missing (governed fields are nullable).
    expect(node.class.headTeacher).toEqual({ name: null });
  }
  expect(body.errors?.length).toBeGreaterThan(0);
  for (const error of body.errors!) {
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', system: 'teacher-hr' });
    expect(error.message).toMatch(/teacher HR system/);
  }
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|https?:\/\/|\bat \S+:\d+/);
});
