import type { IncomingMessage } from 'node:http';
import type { TeacherRecord } from '../records';
import { ApiError } from './responses';
import { DEFAULT_PAGE_SIZE, MAX_BATCH_IDS, MAX_BODY_BYTES, MAX_PAGE_SIZE } from './options';
import type { TeacherStore } from './teacher-store';

export type Endpoint = 'list' | 'get' | 'batch' | 'search';

export interface Route {
  readonly endpoint: Endpoint;
  handle(req: IncomingMessage, url: URL, store: TeacherStore): Promise<unknown>;
}

const LIST_PATH = '/api/v1/teachers';
const BATCH_PATH = '/api/v1/teachers/batch';
const SEARCH_PATH = '/api/v1/teachers/search';
const ONE_PATH = /^\/api\/v1\/teachers\/([^/]+)$/;

/** Matches method and path to an endpoint; undefined means 404. */
export function route(method: string, pathname: string): Route | undefined {
  if (method === 'GET' && pathname === LIST_PATH) return { endpoint: 'list', handle: listTeachers };
  if (method === 'POST' && pathname === BATCH_PATH) return { endpoint: 'batch', handle: batchTeachers };
  if (method === 'POST' && pathname === SEARCH_PATH) return { endpoint: 'search', handle: searchTeachers };
  const one = ONE_PATH.exec(pathname);
  if (method === 'GET' && one) return { endpoint: 'get', handle: async (_req, _url, store) => getTeacher(decodeURIComponent(one[1]!), store) };
  return undefined;
}

async function listTeachers(_req: IncomingMessage, url: URL, store: TeacherStore): Promise<unknown> {
  const page = positiveInteger(url.searchParams.get('page'), 1, 'page');
  const pageSize = positiveInteger(url.searchParams.get('pageSize'), DEFAULT_PAGE_SIZE, 'pageSize');
  if (pageSize > MAX_PAGE_SIZE) throw new ApiError(400, `pageSize must be at most ${MAX_PAGE_SIZE}`);
  const schoolCodes = url.searchParams.get('schoolCodes');
  const matching = schoolCodes === null
    ? store.all
    : store.bySchools(new Set(schoolCodes.split(',').map((c) => c.trim()).filter((c) => c.length > 0)));
  const start = (page - 1) * pageSize;
  return { page, pageSize, total: matching.length, items: matching.slice(start, start + pageSize) };
}

function getTeacher(gh: string, store: TeacherStore): TeacherRecord {
  const record = store.byId(gh);
  if (!record) throw new ApiError(404, `teacher ${gh} not found`);
  return record;
}

async function batchTeachers(req: IncomingMessage, _url: URL, store: TeacherStore): Promise<unknown> {
  const body = await readJson(req);
  const ids = (body as { ids?: unknown } | null)?.ids;
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) {
    throw new ApiError(400, 'body must be { "ids": [string, ...] }');
  }
  if (ids.length > MAX_BATCH_IDS) throw new ApiError(400, `at most ${MAX_BATCH_IDS} ids per batch, got ${ids.length}`);
  // In the order asked, unknown ids left out: the real system behaves so, and callers must match by GH.
  return ids.map((id) => store.byId(id)).filter((r): r is TeacherRecord => r !== undefined);
}

/**
 * Search by 身份证件号, as real HR systems offer for identity checks. POST, so
 * the number travels in the body and never in a URL or an access log.
 * `{ "idNumber": "…", "schoolCodes"?: ["…"] }` → `{ total, items }`, every
 * record with that number (a teacher who moved schools may hold two).
 */
async function searchTeachers(req: IncomingMessage, _url: URL, store: TeacherStore): Promise<unknown> {
  const body = await readJson(req) as { idNumber?: unknown; schoolCodes?: unknown } | null;
  const idNumber = body?.idNumber;
  if (typeof idNumber !== 'string' || idNumber.trim() === '') throw new ApiError(400, 'body must be { "idNumber": string, "schoolCodes"?: [string, ...] }');
  const schoolCodes = body?.schoolCodes;
  if (schoolCodes !== undefined && !(Array.isArray(schoolCodes) && schoolCodes.every((c) => typeof c === 'string'))) {
    throw new ApiError(400, 'schoolCodes must be an array of strings');
  }
  const schools = schoolCodes === undefined ? undefined : new Set(schoolCodes as string[]);
  const items = store.byIdNumber(idNumber.trim()).filter((r) => !schools || schools.has(r.XXDM));
  return { total: items.length, items };
}

function positiveInteger(raw: string | null, fallback: number, name: string): number {
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ApiError(400, `${name} must be a positive integer`);
  return value;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiError(400, 'body is not valid JSON');
  }
}
