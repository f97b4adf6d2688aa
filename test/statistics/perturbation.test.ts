import type { StatisticDimension } from '../../policies/statistics';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Cell-key perturbation as served: readers without record-level access to
 * the rows behind a cell (the anonymous role, a partner department, a
 * district bureau outside its district) get counts of persons within ±3 of
 * the truth, never 1–4, the same value for the same cell however it is
 * asked; readers with access keep exact figures (recount.test.ts).
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

interface Cell { dimensions: Array<{ dimension: StatisticDimension; code: string }>; value: number | null }
interface Table { perturbed: boolean; additive: boolean; note: string; cells: Cell[]; totals: Cell[] }

async function table(field: string, groupBy: StatisticDimension[], unit: string | null, filter = '{}'): Promise<Table> {
  const query = `{ statistics(groupBy: [${groupBy.join(', ')}], filter: ${filter}) { ${field} { perturbed additive note cells { ...c } totals { ...c } } } }
    fragment c on StatisticCell { dimensions { dimension code } value }`;
  const { body } = await pool.graphql(query, unit === null ? { token: null } : { unit });
  expect(body.errors).toBeUndefined();
  return (body.data!.statistics as Record<string, Table>)[field]!;
}

const keyOf = (cell: Cell) => cell.dimensions.map((d) => d.code).join('/');
const valuesOf = (cells: Cell[]) => new Map(cells.map((c) => [keyOf(c), c.value]));

/** In-school students per district/ethnicity, counted from the legacy rows. */
async function truthByDistrictEthnicity(): Promise<Map<string, number>> {
  const rows = await pool.legacySql<{ k: string; n: number }>(
    `SELECT x.xzqhm || '/' || s.mzm AS k, count(*)::int AS n FROM xsjbxx s JOIN xxjbxx x ON x.xxdm = s.xxdm WHERE s.xsdqztm = '01' GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.k, r.n]));
}

describe.each([
  ['anonymous', null],
  ['a partner department', 'GZTJJ'],
  ['a district bureau, outside its district', '440106'],
])('for %s', (_reader, unit) => {
  it('each count is within ±3 of the truth, never 1–4, and only a count below 5 may go unlisted', async () => {
    const truth = await truthByDistrictEthnicity();
    const served = await table('enrolledStudents', ['DISTRICT', 'ETHNICITY'], unit);
    expect(served).toMatchObject({ perturbed: true, additive: false });
    const others = served.cells.filter((c) => c.dimensions[0]!.code !== '440106');
    expect(others.length).toBeGreaterThan(0);
    for (const cell of others) {
      expect(cell.value).toBeGreaterThanOrEqual(5);
      expect(Math.abs(cell.value! - (truth.get(keyOf(cell)) ?? 0))).toBeLessThanOrEqual(3);
    }
    const listed = valuesOf(served.cells);
    const unlisted = [...truth].filter(([k]) => !listed.has(k));
    expect(unlisted.length).toBeGreaterThan(0);
    expect(unlisted.every(([, n]) => n < 5)).toBe(true);
  });
});

it('the same cell has the same value in every grouping, filter and repetition', async () => {
  const byDistrictEthnicity = valuesOf((await table('enrolledStudents', ['DISTRICT', 'ETHNICITY'], null)).cells);
  const again = valuesOf((await table('enrolledStudents', ['DISTRICT', 'ETHNICITY'], null)).cells);
  const finer = await table('enrolledStudents', ['DISTRICT', 'ETHNICITY', 'GENDER'], null);
  const totalsOfFiner = valuesOf(finer.totals.filter((c) => c.dimensions.map((d) => d.dimension).join() === 'DISTRICT,ETHNICITY'));
  const inTianhe = await table('enrolledStudents', ['ETHNICITY'], null, '{ district: "440106" }');
  expect(again).toEqual(byDistrictEthnicity);
  expect(totalsOfFiner).toEqual(byDistrictEthnicity);
  const tianhe = new Map([...byDistrictEthnicity].filter(([k]) => k.startsWith('440106/')).map(([k, v]) => [k.slice('440106/'.length), v]));
  expect(valuesOf(inTianhe.cells)).toEqual(tianhe);
  expect(valuesOf(inTianhe.totals).get('')).toBe(valuesOf((await table('enrolledStudents', ['DISTRICT'], null)).cells).get('440106'));
});

it('a district bureau gets its own district exactly and the rest perturbed', async () => {
  const truth = await truthByDistrictEthnicity();
  const served = await table('enrolledStudents', ['DISTRICT', 'ETHNICITY'], '440106');
  const own = served.cells.filter((c) => c.dimensions[0]!.code === '440106');
  expect(new Map(own.map((c) => [keyOf(c), c.value]))).toEqual(new Map([...truth].filter(([k]) => k.startsWith('440106/'))));
  expect(own.some((c) => c.value! < 5)).toBe(true);
  const filtered = await table('enrolledStudents', ['ETHNICITY'], '440106', '{ district: "440106" }');
  expect(filtered).toMatchObject({ perturbed: false, additive: true });
});

it('生师比 is computed from the published counts and says so', async () => {
  const students = valuesOf((await table('enrolledStudents', ['DISTRICT'], null)).cells);
  const teachers = valuesOf((await table('fullTimeTeachers', ['DISTRICT'], null)).cells);
  const ratio = await table('studentTeacherRatio', ['DISTRICT'], null);
  expect(ratio).toMatchObject({ perturbed: true, additive: false });
  expect(ratio.note).toMatch(/由经扰动的公布计数计算/);
  for (const cell of ratio.cells) {
    const t = teachers.get(keyOf(cell));
    expect(cell.value).toBe(t ? Math.round((students.get(keyOf(cell))! / t) * 10) / 10 : null);
  }
});
