import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TeacherRecord } from '../../records';
import { startTeacherApi, type RunningTeacherApi, type TeacherApiOptions } from '../index';
import { writeTeacherFile } from '../write-teacher-file';

const KEY = 'test-key';
const teachers: TeacherRecord[] = Array.from({ length: 250 }, (_, i) => teacher(i));

let dir: string;
let dataFile: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edupool-teacher-'));
  dataFile = path.join(dir, 'teachers.ndjson');
  await writeTeacherFile(dataFile, teachers);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Starts a stand-in for one test, with no latency unless asked, and closes it afterwards. */
async function withApi(options: Partial<TeacherApiOptions>, test: (api: RunningTeacherApi) => Promise<void>): Promise<void> {
  const api = await startTeacherApi({ apiKey: KEY, dataFile, latencyMs: 0, ...options });
  try {
    await test(api);
  } finally {
    await api.close();
  }
}

function call(api: RunningTeacherApi, pathAndQuery: string, init: RequestInit = {}, key: string | null = KEY): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (key !== null) headers['X-Api-Key'] = key;
  return fetch(`${api.url}${pathAndQuery}`, { ...init, headers });
}

const batch = (api: RunningTeacherApi, ids: string[]) => call(api, '/api/v1/teachers/batch', { method: 'POST', body: JSON.stringify({ ids }) });

describe('teacher API stand-in', () => {
  it('answers 401 { code, message } without a key and with a wrong key', () => withApi({}, async (api) => {
    for (const key of [null, 'wrong']) {
      const res = await call(api, '/api/v1/teachers', {}, key);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 401, message: expect.stringContaining('X-Api-Key') });
    }
    expect(api.stats.unauthorized).toBe(2);
  }));

  it('pages through all teachers', () => withApi({}, async (api) => {
    const res = await call(api, '/api/v1/teachers?page=2&pageSize=100');
    const body = await res.json() as { page: number; pageSize: number; total: number; items: TeacherRecord[] };
    expect(body).toMatchObject({ page: 2, pageSize: 100, total: 250 });
    expect(body.items.map((t) => t.GH)).toEqual(teachers.slice(100, 200).map((t) => t.GH));
    const last = await (await call(api, '/api/v1/teachers?page=3&pageSize=100')).json() as { items: unknown[] };
    expect(last.items).toHaveLength(50);
    const defaults = await (await call(api, '/api/v1/teachers')).json() as { page: number; pageSize: number };
    expect(defaults).toMatchObject({ page: 1, pageSize: 50 });
  }));

  it('refuses pageSize above 200 and malformed paging', () => withApi({}, async (api) => {
    const res = await call(api, '/api/v1/teachers?pageSize=201');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, message: 'pageSize must be at most 200' });
    expect((await call(api, '/api/v1/teachers?pageSize=200')).status).toBe(200);
    expect((await call(api, '/api/v1/teachers?page=0')).status).toBe(400);
  }));

  it('filters by school codes', () => withApi({}, async (api) => {
    const res = await call(api, '/api/v1/teachers?pageSize=200&schoolCodes=2144000001,3144000003');
    const body = await res.json() as { total: number; items: TeacherRecord[] };
    const expected = teachers.filter((t) => t.XXDM === '2144000001' || t.XXDM === '3144000003');
    expect(body.total).toBe(expected.length);
    expect(new Set(body.items.map((t) => t.XXDM))).toEqual(new Set(['2144000001', '3144000003']));
  }));

  it('returns one teacher as stored, or 404', () => withApi({}, async (api) => {
    const res = await call(api, `/api/v1/teachers/${teachers[7]!.GH}`);
    expect(await res.json()).toEqual(teachers[7]);
    expect(teachers[7]!.XB).toBe('男');
    expect(teachers[7]!.ZC).toBe('中学高级教师');
    const missing = await call(api, '/api/v1/teachers/NOPE');
    expect(missing.status).toBe(404);
    expect(api.stats.requests.get).toBe(2);
  }));

  it('answers a batch of up to 100 ids in the order asked, leaving out unknown ids', () => withApi({}, async (api) => {
    const ids = teachers.slice(0, 99).map((t) => t.GH).reverse();
    const res = await batch(api, [...ids.slice(0, 50), 'UNKNOWN', ...ids.slice(50)]);
    expect(res.status).toBe(200);
    expect((await res.json() as TeacherRecord[]).map((t) => t.GH)).toEqual(ids);
    expect(api.stats.requests.batch).toBe(1);
  }));

  it('refuses a batch of 101 ids naming the limit', () => withApi({}, async (api) => {
    const res = await batch(api, teachers.slice(0, 101).map((t) => t.GH));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, message: 'at most 100 ids per batch, got 101' });
    expect((await call(api, '/api/v1/teachers/batch', { method: 'POST', body: '{"ids": 5}' })).status).toBe(400);
  }));

  it('searches by ID number in the body (never the URL), optionally within schools, behind the key', () => withApi({}, async (api) => {
    const search = (body: unknown, key: string | null = KEY) => call(api, '/api/v1/teachers/search', { method: 'POST', body: JSON.stringify(body) }, key);
    expect((await search({ idNumber: teachers[0]!.SFZJH }, null)).status).toBe(401);
    const all = await (await search({ idNumber: teachers[0]!.SFZJH.toLowerCase() })).json() as { total: number; items: TeacherRecord[] };
    expect(all.total).toBe(teachers.length);
    expect(all.items).toEqual(teachers);
    const one = await (await search({ idNumber: teachers[0]!.SFZJH, schoolCodes: ['2144000001'] })).json() as { total: number; items: TeacherRecord[] };
    expect(one.items.map((t) => t.GH)).toEqual(teachers.filter((t) => t.XXDM === '2144000001').map((t) => t.GH));
    expect(await (await search({ idNumber: '440106199001010011' })).json()).toEqual({ total: 0, items: [] });
    for (const bad of [{}, { idNumber: 5 }, { idNumber: 'x', schoolCodes: '2144000001' }]) expect((await search(bad)).status).toBe(400);
    expect(api.stats.requests.search).toBe(7);
  }));

  it('waits latencyMs before each answer', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => { waits.push(ms); };
    await withApi({ latencyMs: 35, sleep }, async (api) => {
      await call(api, '/api/v1/teachers');
      await batch(api, ['x']);
      await call(api, '/api/v1/teachers/search', { method: 'POST', body: '{"idNumber":"x"}' });
      await call(api, '/api/v1/teachers', {}, 'wrong');
    });
    expect(waits).toEqual([35, 35, 35, 35]);
  });

  it('answers 503 for the fraction of requests the failure rate picks', async () => {
    const rolls = [0.05, 0.5, 0.09, 0.95];
    await withApi({ failureRate: 0.1, random: () => rolls.shift() ?? 1 }, async (api) => {
      const statuses = [];
      for (let i = 0; i < 2; i++) statuses.push((await call(api, '/api/v1/teachers')).status);
      for (let i = 0; i < 2; i++) statuses.push((await call(api, '/api/v1/teachers/search', { method: 'POST', body: '{"idNumber":"x"}' })).status);
      expect(statuses).toEqual([503, 200, 503, 200]);
      expect(api.stats.failed).toBe(2);
    });
  });

  it('refuses a bad configuration', async () => {
    await expect(startTeacherApi({ apiKey: KEY, dataFile, failureRate: 2 })).rejects.toThrow('failureRate');
    await expect(startTeacherApi({ apiKey: '', dataFile })).rejects.toThrow('apiKey');
  });
});

function teacher(i: number): TeacherRecord {
  const school = `${i % 2 ? '31' : '21'}44${String((i % 5) + 1).padStart(6, '0')}`;
  return {
    GH: `T${String(i).padStart(6, '0')}`, XM: `教师${i}`, XB: i % 2 ? '男' : '女', CSRQ: '19800101', SFZJLXM: '1',
    SFZJH: '44010219800101001X', MZM: '01', ZZMMM: '13', CJGZNY: '200209', CJNY: '200209', LXNY: '201009',
    BZLBM: '1', JZGLBM: '11', GWLBM: '10', XLM: '21', ZC: i % 2 ? '中学高级教师' : '一级教师', JSZGZZL: '3',
    YDDH: '13800000000', DQZTM: '01', XXDM: school,
  };
}
