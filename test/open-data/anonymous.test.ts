import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Open data (Measures 第十九条): without a token the pool serves the
 * resources the catalog marks open (the school directory, statistics with
 * counts of persons perturbed) and nothing else; everything else is UNAUTHENTICATED
 * with the hint on how to get a token. Anonymous requests are audited.
 */
let pool: TestPool;

beforeAll(async () => {
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
});

const anonymous = (query: string) => pool.graphql(query, { token: null });

it('the school directory is served without a token', async () => {
  const { status, body } = await anonymous('{ schools(first: 50) { totalCount edges { node { code name district { name } runningType { name } } } } }');
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect((body.data!.schools as { totalCount: number }).totalCount).toBe(20);
});

it('statistics are served without a token, perturbed, with no count of 1–4 and no withheld cell', async () => {
  const { body } = await anonymous('{ statistics(groupBy: [DISTRICT, ETHNICITY]) { enrolledStudents { perturbed additive perturbation { maxNoise smallestCount } cells { value } } } }');
  expect(body.errors).toBeUndefined();
  const table = (body.data!.statistics as { enrolledStudents: { perturbed: boolean; additive: boolean; perturbation: { maxNoise: number; smallestCount: number }; cells: Array<{ value: number | null }> } }).enrolledStudents;
  expect(table).toMatchObject({ perturbed: true, additive: false, perturbation: { maxNoise: 3, smallestCount: 5 } });
  expect(table.cells.length).toBeGreaterThan(0);
  expect(table.cells.every((c) => c.value !== null && c.value >= 5)).toBe(true);
});

it.each([
  ['a record resource', '{ students(first: 1) { edges { node { name } } } }', 'Query.students'],
  ['a closed field under an open one', '{ schools(first: 1) { edges { node { name classes { size } } } } }', 'School.classes'],
  ['a governance query', '{ myAccess { coordinate } }', 'Query.myAccess'],
  ['a mutation', 'mutation { withdrawShareApplication(id: "x") { id } }', 'mutation'],
  ['introspection', '{ __schema { types { name } } }', 'Query.__schema'],
])('%s without a token is UNAUTHENTICATED (401) with the token hint, and no data', async (_case, query, named) => {
  const { status, body } = await anonymous(query);
  expect(status).toBe(401);
  expect(body.data ?? undefined).toBeUndefined();
  expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(body.errors?.[0]?.message).toContain(named);
  expect(body.errors?.[0]?.message).toMatch(/npm run token/);
});

it('a bad token is still UNAUTHENTICATED, not anonymous', async () => {
  const { status, body } = await pool.graphql('{ schools(first: 1) { totalCount } }', { token: 'abc.def' });
  expect(status).toBe(401);
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('anonymous requests are audited under the unit "anonymous"', async () => {
  await anonymous('{ schools(first: 1) { totalCount } }');
  const rows = (await pool.pool.store.pool.query("SELECT unit, token_id, served FROM audit_entries WHERE unit = 'anonymous' ORDER BY seq DESC LIMIT 1")).rows as Array<{ unit: string; token_id: string; served: string[] }>;
  expect(rows[0]).toMatchObject({ unit: 'anonymous', token_id: 'none' });
  expect(rows[0]!.served).toContain('Query.schools');
});

describe('downloads', () => {
  const get = (path: string) => fetch(new URL(path, pool.url));

  it('GET /open-data lists the open resources with their update cycles', async () => {
    const response = await get('/open-data');
    const body = await response.json() as { resources: Array<{ code: string; updateCycle: string; downloads: string[] }> };
    expect(body.resources.map((r) => [r.code, r.updateCycle])).toEqual([['GZJY-XX-001', '每学期'], ['GZJY-TJ-001', '每日']]);
    expect(body.resources[1]!.downloads).toContain('/open-data/GZJY-TJ-001.csv-metadata.json');
  });

  it('the school directory as JSON, with update cycle and as-of time', async () => {
    const body = await (await get('/open-data/GZJY-XX-001.json')).json() as { updateCycle: string; asOf: string; rows: Array<{ code: string }> };
    expect(body.updateCycle).toBe('每学期');
    expect(Number.isNaN(Date.parse(body.asOf))).toBe(false);
    expect(body.rows).toHaveLength(20);
  });

  it('district statistics as CSV: the header first, UTF-8 with a byte-order mark, the description in headers and beside it in CSVW', async () => {
    const response = await get('/open-data/GZJY-TJ-001.csv?groupBy=DISTRICT,ETHNICITY');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    expect(decodeURIComponent(response.headers.get('x-dataset-title')!)).toBe('教育统计数据');
    expect(decodeURIComponent(response.headers.get('x-update-cycle')!)).toBe('每日');
    expect(Number.isNaN(Date.parse(response.headers.get('x-as-of')!))).toBe(false);
    const link = response.headers.get('link')!;
    expect(link).toMatch(/rel="describedby"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['statistic', 'DISTRICT', 'DISTRICT_NAME', 'ETHNICITY', 'value', 'perturbed', 'asOf', 'updateCycle']));
    const rows = lines.slice(1).map((l) => l.split(','));
    const enrolled = rows.filter((cols) => cols[header.indexOf('statistic')] === 'enrolledStudents');
    expect(enrolled.length).toBeGreaterThan(0);
    expect(enrolled.every((cols) => cols[header.indexOf('perturbed')] === 'true' && Number(cols[header.indexOf('value')]) >= 5)).toBe(true);
    expect(lines.slice(1).join('\n')).toMatch(/天河区/);

    const described = await get(`/open-data/${link.slice(1, link.indexOf('>'))}`);
    expect(described.headers.get('content-type')).toMatch(/application\/csvm\+json/);
    const metadata = await described.json() as { url: string; 'dc:title': string; 'dc:accrualPeriodicity': string; 'dc:modified': { '@value': string }; 'dc:description': string[]; tableSchema: { columns: Array<{ name: string; datatype: string }> } };
    expect(metadata.url).toBe('GZJY-TJ-001.csv?groupBy=DISTRICT,ETHNICITY');
    expect(metadata['dc:title']).toBe('教育统计数据');
    expect(metadata['dc:accrualPeriodicity']).toBe('每日');
    expect(metadata['dc:modified']['@value']).toBe(response.headers.get('x-as-of'));
    expect(metadata.tableSchema.columns.map((c) => c.name)).toEqual(header);
    expect(metadata.tableSchema.columns.find((c) => c.name === 'value')!.datatype).toBe('number');
    expect(metadata['dc:description'].find((d) => d.startsWith('enrolledStudents'))).toMatch(/合计单独扰动/);
  });

  it('a CSVW description of a download that fails fails the same way', async () => {
    const response = await get('/open-data/GZJY-TJ-001.csv-metadata.json?groupBy=SCHOOL');
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/BAD_USER_INPUT/);
  });

  it('a download asking for an unknown dimension is a 400 with BAD_USER_INPUT', async () => {
    const response = await get('/open-data/GZJY-TJ-001.json?groupBy=SCHOOL');
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/BAD_USER_INPUT/);
  });
});

describe('downloads are rate-limited like any request', () => {
  let limited: TestPool;
  beforeAll(async () => {
    limited = await startTestPool({ RATE_LIMIT_TOKEN_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('past the client address\'s allowance a download is 429 RATE_LIMITED with Retry-After, before any operation runs', async () => {
    const download = () => fetch(`${limited.url.replace(/\/graphql$/, '')}/open-data/GZJY-TJ-001.json`);
    const first = await download();
    expect(first.status).toBe(200);
    expect(Object.keys(((await first.json()) as { rows: Array<{ statistic: string }> }).rows.reduce((seen, row) => ({ ...seen, [row.statistic]: true }), {})).length).toBeGreaterThanOrEqual(5);
    expect((await download()).status).toBe(200);
    const refused = await download();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(await refused.json())).toMatch(/RATE_LIMITED/);
  });
});
