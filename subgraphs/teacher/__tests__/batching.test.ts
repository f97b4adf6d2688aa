import { legacyCallTotals } from '../../../platform/legacy-calls';
import type { TeacherHrCounters } from '../index';
import { schoolRefs, startTeacherHarness, teacherRefs, type TeacherHarness } from './teacher-harness';
import { schoolStaff } from './teacher-records';

/**
 * Batching is proven by counting requests, never by timing (DESIGN.md): the
 * adapter's counters, the platform's legacy-call totals and the stand-in's own
 * request log must all agree.
 */
const PRIMARY = '2144000001';
const JUNIOR = '3144000002';
const SMALL = '2144000003';
const staff = [...schoolStaff(PRIMARY, 'P', 230), ...schoolStaff(JUNIOR, 'J', 170), ...schoolStaff(SMALL, 'S', 50)];
const TOTAL = staff.length;

let harness: TeacherHarness;
beforeAll(async () => { harness = await startTeacherHarness(staff); });
afterAll(() => harness.close());

/** Runs `work` and returns the HR requests it cost, checking that the three counts agree. */
async function requestsOf(work: () => Promise<unknown>): Promise<{ list: number; batch: number }> {
  const before = { ...harness.services.adapter.counters } as TeacherHrCounters;
  const totalsBefore = (await legacyCallTotals())['teacher-hr'] ?? 0;
  const apiBefore = { ...harness.api.stats.requests };
  await work();
  const after = harness.services.adapter.counters;
  const cost = { list: after.list - before.list, batch: after.batch - before.batch };
  expect(((await legacyCallTotals())['teacher-hr'] ?? 0) - totalsBefore).toBe(cost.list + cost.batch);
  expect({ list: harness.api.stats.requests.list - apiBefore.list, batch: harness.api.stats.requests.batch - apiBefore.batch }).toEqual(cost);
  return cost;
}

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Teacher { id name school { code } } } }';

describe('Teacher entities through the batch endpoint', () => {
  test('250 distinct representations cost ⌈250/100⌉ = 3 batch requests, answered in order', async () => {
    const ids = staff.slice(0, 250).map((t) => t.GH).reverse();
    let entities: Array<{ id: string; school: { code: string } } | null> = [];
    expect(await requestsOf(async () => {
      const response = await harness.query(ENTITIES, { r: teacherRefs(ids) });
      expect(response.errors).toBeUndefined();
      entities = (response.data as { _entities: typeof entities })._entities;
    })).toEqual({ list: 0, batch: 3 });
    expect(entities.map((e) => e?.id)).toEqual(ids);
    expect(entities[0]).toEqual({ id: 'J0020', name: '教师J20', school: { code: JUNIOR } });
  });

  test('duplicates are asked once: 250 representations of 130 distinct ids cost 2 requests', async () => {
    const distinct = staff.slice(100, 230).map((t) => t.GH);
    const ids = Array.from({ length: 250 }, (_, i) => distinct[i % distinct.length]!);
    expect(await requestsOf(async () => {
      const response = await harness.query(ENTITIES, { r: teacherRefs(ids) });
      expect((response.data as { _entities: Array<{ id: string }> })._entities.map((e) => e.id)).toEqual(ids);
    })).toEqual({ list: 0, batch: 2 });
  });

  test('an unknown id is null, not an error', async () => {
    const response = await harness.query(ENTITIES, { r: teacherRefs(['P0001', 'NOBODY']) });
    expect(response).toEqual({
      data: { _entities: [{ id: 'P0001', name: '教师P1', school: { code: PRIMARY } }, null] },
      extensions: { recordsServed: { Teacher: [{ id: 'P0001', grantIds: [] }] } },
    });
  });

  test('teacher(id) goes through the same loader: aliases share one request', async () => {
    expect(await requestsOf(async () => {
      const response = await harness.query('{ a: teacher(id: "S0001") { id title { rank name legacyName } gender { code } } b: teacher(id: "S0002") { id } c: teacher(id: "X") { id } }');
      expect(response.data).toEqual({
        a: { id: 'S0001', title: { rank: 'SENIOR', name: '高级教师', legacyName: '中学高级教师' }, gender: { code: '1' } },
        b: { id: 'S0002' },
        c: null,
      });
    })).toEqual({ list: 0, batch: 1 });
  });
});

describe('School.teachers through one paged listing', () => {
  test('the staff of 3 schools (450 teachers) cost ⌈450/200⌉ = 3 listing pages, grouped by school', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on School { code teachers { id school { code } } } } }';
    let schools: Array<{ code: string; teachers: Array<{ id: string; school: { code: string } }> }> = [];
    expect(await requestsOf(async () => {
      const response = await harness.query(query, { r: schoolRefs([SMALL, PRIMARY, '2144999999', JUNIOR]) });
      expect(response.errors).toBeUndefined();
      schools = (response.data as { _entities: typeof schools })._entities;
    })).toEqual({ list: Math.ceil(TOTAL / 200), batch: 0 });
    expect(schools.map((s) => [s.code, s.teachers.length])).toEqual([[SMALL, 50], [PRIMARY, 230], ['2144999999', 0], [JUNIOR, 170]]);
    expect(schools.every((s) => s.teachers.every((t) => t.school.code === s.code))).toBe(true);
  });

  test('one school of 50 costs one page', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on School { teachers { id } } } }';
    expect(await requestsOf(() => harness.query(query, { r: schoolRefs([SMALL]) }))).toEqual({ list: 1, batch: 0 });
  });
});

describe('Query.teachers onto the API pages', () => {
  const TEACHERS = 'query($first: Int, $after: String, $filter: TeacherFilter) { teachers(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';
  type Page = { totalCount: number; edges: Array<{ cursor: string; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

  async function page(variables: Record<string, unknown>): Promise<Page> {
    const response = await harness.query(TEACHERS, variables);
    expect(response.errors).toBeUndefined();
    return (response.data as { teachers: Page }).teachers;
  }

  const ids = (p: Page) => p.edges.map((e) => e.node.id);

  test.each([
    ['first 50 from the start: page 1 of 50', { first: 50 }, 0, 50, 1],
    ['first 50 after 50: page 2 of 50', { first: 50, afterPosition: 49 }, 50, 50, 1],
    ['first 30 after 10 (not a multiple): the covering page of 200', { first: 30, afterPosition: 9 }, 10, 30, 1],
    ['first 100 across 200: pages 1 and 2 of 200', { first: 100, afterPosition: 149 }, 150, 100, 2],
    ['first 300: pages 1 and 2 of 200', { first: 300 }, 0, 300, 2],
    ['first 500 after 49: pages 1 to 3 of 200', { first: 500, afterPosition: 49 }, 50, 400, 3],
    ['first 0: one page of 1 for the total', { first: 0 }, 0, 0, 1],
  ])('%s', async (_case, { first, afterPosition }: { first: number; afterPosition?: number }, offset, length, pages) => {
    const whole = await page({ first: 500 });
    const after = afterPosition === undefined ? undefined : whole.edges[afterPosition]!.cursor;
    let result: Page | undefined;
    expect(await requestsOf(async () => { result = await page({ first, after }); })).toEqual({ list: pages, batch: 0 });
    expect(result!.totalCount).toBe(TOTAL);
    expect(ids(result!)).toEqual(ids(whole).slice(offset, offset + length));
    expect(result!.pageInfo.hasNextPage).toBe(offset + first < TOTAL);
  });

  test('endCursor continues where the page ended, to the last page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const p: Page = await page({ first: 200, after });
      seen.push(...ids(p));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(staff.map((t) => t.GH));
  });

  test('the schools filter is pushed down into the listing', async () => {
    const p = await page({ first: 20, filter: { schools: [SMALL] } });
    expect(p.totalCount).toBe(50);
    expect(ids(p).every((id) => id.startsWith('S'))).toBe(true);
  });

  test.each([
    ['first above maxPageSize', { first: 501 }, 'first'],
    ['a cursor this list never returned', { first: 10, after: Buffer.from('c:abc').toString('base64url') }, 'after'],
  ])('%s is BAD_USER_INPUT and costs nothing', async (_case, variables, argument) => {
    expect(await requestsOf(async () => {
      const response = await harness.query(TEACHERS, variables);
      expect(response.data).toEqual({ teachers: null });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, coordinate: 'Query.teachers' });
    })).toEqual({ list: 0, batch: 0 });
  });
});
