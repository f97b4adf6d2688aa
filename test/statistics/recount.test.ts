import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { legacyDataPaths } from '../../legacy/data-dir';
import type { BuildingRow, TeacherRecord } from '../../legacy/records';
import { legacyCallTotals } from '../../platform/legacy-calls';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Every statistic the pool serves equals a recount from the raw legacy rows
 * of the demo data, done here in the test by hand: the definitions
 * (DOMAIN.md "Statistics") applied row by row.
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

interface Cell { dimensions: Array<{ dimension: string; code: string }>; value: number | null }
interface Table { cells: Cell[]; totals: Cell[]; perturbed: boolean; additive: boolean; asOf: string; updateCycle: string; definition: string }

const keyOf = (cell: Cell) => cell.dimensions.map((d) => d.code).join('/');
const asMap = (cells: Cell[]) => new Map(cells.map((c) => [keyOf(c), c.value]));

function recount<T>(rows: T[], key: (row: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const k = key(row);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

interface StudentRaw { xxdm: string; nj: string; xbm: string; mzm: string; bjdm: string; xsdqztm: string }
interface SchoolRaw { xxdm: string; xzqhm: string; xxbxlxm: string }

async function raw() {
  const students = await pool.legacySql<StudentRaw>('SELECT xxdm, nj, xbm, mzm, bjdm, xsdqztm FROM xsjbxx');
  const schools = new Map((await pool.legacySql<SchoolRaw>('SELECT xxdm, xzqhm, xxbxlxm FROM xxjbxx')).map((s) => [s.xxdm, s]));
  return { students, schools, enrolled: students.filter((s) => s.xsdqztm === '01') };
}

async function statistic(field: string, groupBy: string[], filter = '{}'): Promise<Table> {
  const { body } = await pool.graphql(
    `{ statistics(groupBy: [${groupBy.join(', ')}], filter: ${filter}) { ${field} { cells { dimensions { dimension code } value } totals { dimensions { dimension code } value } perturbed additive asOf updateCycle definition } } }`,
  );
  expect(body.errors).toBeUndefined();
  return (body.data!.statistics as Record<string, Table>)[field]!;
}

it('在校生数 by district × grade equals a recount of in-school rows, totals included (city bureau: exact, additive)', async () => {
  const { enrolled, schools } = await raw();
  const table = await statistic('enrolledStudents', ['DISTRICT', 'GRADE']);
  expect(table).toMatchObject({ perturbed: false, additive: true });
  expect(asMap(table.cells)).toEqual(recount(enrolled, (s) => `${schools.get(s.xxdm)!.xzqhm}/${s.nj}`));
  expect(asMap(table.totals).get('')).toBe(enrolled.length);
  expect(table.definition).toMatch(/在校/);
});

it('在校生数 by running type × gender × ethnicity within one district equals the recount', async () => {
  const { enrolled, schools } = await raw();
  const table = await statistic('enrolledStudents', ['RUNNING_TYPE', 'GENDER', 'ETHNICITY'], '{ district: "440106" }');
  const inTianhe = enrolled.filter((s) => schools.get(s.xxdm)!.xzqhm === '440106');
  expect(asMap(table.cells)).toEqual(recount(inTianhe, (s) => `${schools.get(s.xxdm)!.xxbxlxm}/${s.xbm}/${s.mzm}`));
});

it('大班额 and 超大班额 class counts by district equal a recount of class sizes', async () => {
  const { enrolled, schools } = await raw();
  const sizes = recount(enrolled, (s) => s.bjdm);
  const schoolOfClass = new Map(enrolled.map((s) => [s.bjdm, s.xxdm]));
  const bands = recount([...sizes], ([bjdm, n]) =>
    n >= 66 ? `${schools.get(schoolOfClass.get(bjdm)!)!.xzqhm}/OVERSIZED` : n >= 56 ? `${schools.get(schoolOfClass.get(bjdm)!)!.xzqhm}/LARGE` : undefined);
  const table = await statistic('classSizeBands', ['DISTRICT']);
  expect(bands.size).toBeGreaterThan(0);
  expect(asMap(table.cells)).toEqual(bands);
});

it('a reference date other than the source\'s as-of date is BAD_USER_INPUT at the field', async () => {
  const { body } = await pool.graphql('{ statistics(filter: { referenceDate: "2001-09-01" }) { enrolledStudents { cells { value } } } }');
  expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(body.errors?.[0]?.extensions?.argument).toBe('filter.referenceDate');
});

it('grouping a statistic by a dimension it does not have is BAD_USER_INPUT', async () => {
  const { body } = await pool.graphql('{ statistics(groupBy: [GENDER]) { classSizeBands { cells { value } } } }');
  expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'groupBy']]);
});

function fullTimeTeachers(): TeacherRecord[] {
  const lines = readFileSync(legacyDataPaths(pool.config.DATA_DIR).teacherFile, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return lines.map((l) => JSON.parse(l) as TeacherRecord).filter((t) => {
    const post = Number(t.GWLBM);
    return t.JSZGZZL !== '' && (post === 10 || (post >= 20 && post <= 28)) && t.DQZTM === '01';
  });
}

it('专任教师数 by district × sex equals a recount of the HR records, as of the table\'s refresh', async () => {
  const { schools } = await raw();
  const teachers = fullTimeTeachers();
  const table = await statistic('fullTimeTeachers', ['DISTRICT', 'GENDER']);
  const sex = (t: TeacherRecord) => (t.XB === '男' ? '1' : '2');
  expect(asMap(table.cells)).toEqual(recount(teachers, (t) => `${schools.get(t.XXDM)!.xzqhm}/${sex(t)}`));
  expect(asMap(table.totals).get('')).toBe(teachers.length);
  expect(table.updateCycle).toBe('每月');
  expect(Date.parse(table.asOf)).toBeLessThanOrEqual(Date.now());
});

it('生师比 by district is in-school students ÷ full-time teachers of the district', async () => {
  const { enrolled, schools } = await raw();
  const students = recount(enrolled, (s) => schools.get(s.xxdm)!.xzqhm);
  const teachers = recount(fullTimeTeachers(), (t) => schools.get(t.XXDM)!.xzqhm);
  const table = await statistic('studentTeacherRatio', ['DISTRICT']);
  const expected = new Map([...students].map(([d, n]) => [d, teachers.get(d) ? Math.round((n / teachers.get(d)!) * 10) / 10 : null]));
  expect(asMap(table.cells)).toEqual(expected);
});

it('the teacher table is pre-aggregated: statistics cost the HR API no call at request time', async () => {
  const calls = async () => (await legacyCallTotals())['teacher-hr'] ?? 0;
  const before = await calls();
  await statistic('fullTimeTeachers', ['DISTRICT', 'RUNNING_TYPE', 'GENDER', 'ETHNICITY']);
  await statistic('studentTeacherRatio', ['DISTRICT']);
  expect(await calls()).toBe(before);
});

function buildings(): BuildingRow[] {
  const folder = legacyDataPaths(pool.config.DATA_DIR).facilityDir;
  return readdirSync(folder).filter((f) => f.endsWith('.csv')).flatMap((file) =>
    parse(iconv.decode(readFileSync(path.join(folder, file)), 'gbk'), { columns: true, skip_empty_lines: true, bom: true }) as BuildingRow[]);
}

function sumBy<T>(rows: T[], key: (row: T) => string, value: (row: T) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + value(row));
  return sums;
}

it('D级危房面积 and 生均校舍面积 by district equal sums over the facility exports', async () => {
  const { enrolled, schools } = await raw();
  const rows = buildings();
  const area = (b: BuildingRow) => Number(b['建筑面积(平方米)']);
  const district = (b: BuildingRow) => schools.get(b.学校标识码)!.xzqhm;
  const round2 = (n: number) => Math.round(n * 100) / 100;
  const dangerous = sumBy(rows.filter((b) => b.鉴定等级 === 'D'), district, area);
  expect(dangerous.size).toBeGreaterThan(0);
  expect(asMap((await statistic('dangerousBuildingArea', ['DISTRICT'])).cells)).toEqual(new Map([...dangerous].map(([d, a]) => [d, round2(a)])));
  const own = sumBy(rows.filter((b) => b.是否租借 === '否'), district, area);
  const students = recount(enrolled, (s) => schools.get(s.xxdm)!.xzqhm);
  const perStudent = await statistic('buildingAreaPerStudent', ['DISTRICT']);
  expect(asMap(perStudent.cells)).toEqual(new Map([...students].map(([d, n]) => [d, round2((own.get(d) ?? 0) / n)])));
  expect(perStudent.updateCycle).toBe('每年');
});

it('the school groups the teacher and facility parts require are not part of the public schema', async () => {
  const { body } = await pool.graphql('{ statistics { schoolGroups { school } } }');
  expect(body.data ?? undefined).toBeUndefined();
  expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
