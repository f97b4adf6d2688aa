import { recoverBySubtraction } from '../../policies/statistics/__tests__/harness';
import type { CellKey, StatisticDimension, SuppressedCell } from '../../policies/statistics';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Small-cell suppression as served: readers without record-level access to
 * the rows behind a cell (the anonymous role, a partner department, a
 * district bureau outside its district) get small counts withheld, and no
 * withheld cell can be recomputed from the cells and totals published with it.
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

interface Cell { dimensions: Array<{ dimension: StatisticDimension; code: string }>; value: number | null; suppressed: boolean }

async function table(groupBy: StatisticDimension[], unit: string | null): Promise<{ cells: Cell[]; totals: Cell[] }> {
  const query = `{ statistics(groupBy: [${groupBy.join(', ')}]) { enrolledStudents { cells { ...c } totals { ...c } } } }
    fragment c on StatisticCell { dimensions { dimension code } value suppressed }`;
  const { body } = await pool.graphql(query, unit === null ? { token: null } : { unit });
  expect(body.errors).toBeUndefined();
  return (body.data!.statistics as { enrolledStudents: { cells: Cell[]; totals: Cell[] } }).enrolledStudents;
}

const asSuppressed = (cells: Cell[]): SuppressedCell[] => cells.map((c) => ({
  key: Object.fromEntries(c.dimensions.map((d) => [d.dimension, d.code])) as CellKey, value: c.value ?? -1, suppressed: c.suppressed,
}));

describe.each([
  ['anonymous', null],
  ['a partner department', 'GZTJJ'],
  ['a district bureau', '440106'],
])('for %s', (_reader, unit) => {
  it.each<[StatisticDimension[]]>([
    [['DISTRICT', 'ETHNICITY']],
    [['DISTRICT', 'GRADE', 'ETHNICITY']],
    [['RUNNING_TYPE', 'ETHNICITY', 'GENDER']],
  ])('no withheld cell of %j is recovered from the published cells and totals by subtraction', async (groupBy) => {
    const { cells, totals } = await table(groupBy, unit);
    const published = asSuppressed([...cells, ...totals]);
    expect(published.some((c) => c.suppressed)).toBe(true);
    // A district bureau also sees small figures made of its own district's rows only; the next test shows which.
    if (unit !== '440106') expect(published.filter((c) => !c.suppressed).every((c) => c.value >= 5)).toBe(true);
    expect(recoverBySubtraction(published, groupBy)).toEqual(new Map());
  });
});

it('a district bureau sees its own district\'s small cells and not the others\'', async () => {
  const { cells } = await table(['DISTRICT', 'ETHNICITY'], '440106');
  const small = cells.filter((c) => c.value !== null && c.value < 5);
  expect(small.length).toBeGreaterThan(0);
  expect(small.every((c) => c.dimensions[0]!.code === '440106')).toBe(true);
  expect(cells.filter((c) => c.dimensions[0]!.code === '440106').every((c) => !c.suppressed)).toBe(true);
});

it('the city bureau has record-level access to every row: nothing is withheld', async () => {
  const { cells, totals } = await table(['DISTRICT', 'ETHNICITY'], '440100');
  expect([...cells, ...totals].some((c) => c.suppressed)).toBe(false);
});
