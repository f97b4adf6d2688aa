import { z } from 'zod';
import { legacyCall } from '../../platform/legacy-calls';
import type { Logger } from '../../platform/logger';
import { mapTeacherRecord, type Teacher } from './mapper';

/**
 * The port to the teacher HR system (教师管理信息系统) and its HTTP adapter,
 * the only code that speaks to it. The API pages its listing (pageSize ≤ 200)
 * and takes at most 100 ids per batch; every request is counted, and every
 * failure (network, timeout, 401, 5xx, a malformed answer) becomes one
 * TeacherApiUnavailable that the resolvers answer as UPSTREAM_UNAVAILABLE.
 */
export const API_MAX_PAGE_SIZE = 200;
export const API_MAX_BATCH_IDS = 100;

/** Pushed down into the API call, so out-of-scope records never leave the HR system (DESIGN.md "Shape"). */
export interface TeacherFilter {
  /** Only teachers of these schools (学校标识码); an empty list matches no one. */
  readonly schoolCodes?: ReadonlyArray<string>;
}

export interface TeacherRange {
  readonly total: number;
  /** Each teacher with its position in the API's listing, the connection's cursor. */
  readonly entries: ReadonlyArray<{ readonly offset: number; readonly teacher: Teacher }>;
}

/** Requests made, by endpoint, plus failures and records that did not parse; tests read these. */
export interface TeacherHrCounters {
  requests: number;
  list: number;
  batch: number;
  search: number;
  failures: number;
  invalidRecords: number;
}

export interface TeacherHrAdapter {
  readonly counters: Readonly<TeacherHrCounters>;
  /** `count` teachers from position `offset` of the listing (in as few pages as the API allows). */
  teachersInRange(offset: number, count: number, filter?: TeacherFilter): Promise<TeacherRange>;
  /** Every teacher the filter matches, following the API's pages of 200. */
  allTeachers(filter?: TeacherFilter): Promise<ReadonlyArray<Teacher>>;
  /** At most API_MAX_BATCH_IDS ids; unknown ids are absent, a record that does not parse is an InvalidTeacherRecord. */
  teachersByIds(ids: ReadonlyArray<string>, filter?: TeacherFilter): Promise<ReadonlyMap<string, Teacher | InvalidTeacherRecord>>;
  /** Every valid record with this 身份证件号 (the search endpoint), within the filter's schools. */
  teachersByIdNumber(idNumber: string, filter?: TeacherFilter): Promise<ReadonlyArray<Teacher>>;
  /** Aborts requests in flight; later calls fail as unavailable. */
  close(): Promise<void>;
}

/** The HR system failed us; the reason is for the logs, never for clients. */
export class TeacherApiUnavailable extends Error {}

/** A record the HR system returned that does not parse; reported as an internal error where it was asked for. */
export class InvalidTeacherRecord extends Error {
  constructor(readonly id: string | null) {
    super(`teacher HR record ${id ?? '(no GH)'} does not parse`);
  }
}

export interface HttpTeacherHrOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

type Endpoint = 'list' | 'batch' | 'search';

const endpointLabels: Readonly<Record<Endpoint, string>> = {
  list: 'GET /api/v1/teachers',
  batch: 'POST /api/v1/teachers/batch',
  search: 'POST /api/v1/teachers/search',
};

const listResponse = z.object({
  total: z.number().int().min(0),
  items: z.array(z.unknown()),
});
const batchResponse = z.array(z.unknown());

/**
 * Talks HTTP with Node's global fetch, whose undici agent keeps connections
 * alive by default, so a request's many pages and batches reuse sockets.
 */
export function createHttpTeacherHrAdapter(options: HttpTeacherHrOptions): TeacherHrAdapter {
  const logger = options.logger.child({ system: 'teacher-hr' });
  const apiRoot = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/teachers`;
  const counters: TeacherHrCounters = { requests: 0, list: 0, batch: 0, search: 0, failures: 0, invalidRecords: 0 };
  const closing = new AbortController();

  function unavailable(endpoint: Endpoint, reason: string): TeacherApiUnavailable {
    counters.failures++;
    logger.warn({ endpoint: endpointLabels[endpoint], reason }, 'teacher HR API call failed');
    return new TeacherApiUnavailable(reason);
  }

  async function call(endpoint: Endpoint, url: string, body?: unknown): Promise<unknown> {
    counters.requests++;
    counters[endpoint]++;
    let response: Response;
    try {
      response = await legacyCall('teacher-hr', endpointLabels[endpoint], (traceHeaders) => fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { ...traceHeaders, 'x-api-key': options.apiKey, accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), closing.signal]),
      }));
    } catch (error) {
      throw unavailable(endpoint, failureReason(error, options.timeoutMs));
    }
    if (!response.ok) {
      await response.body?.cancel();
      if (response.status === 401) {
        // Our key, not the client's request, is at fault: the operators must act.
        logger.error({ endpoint: endpointLabels[endpoint], status: 401 }, 'teacher HR API refused the API key; check LEGACY_TEACHER_API_KEY');
      }
      throw unavailable(endpoint, `HTTP ${response.status}`);
    }
    try {
      return await response.json();
    } catch (error) {
      throw unavailable(endpoint, failureReason(error, options.timeoutMs));
    }
  }

  async function listPage(page: number, pageSize: number, filter?: TeacherFilter): Promise<{ total: number; records: unknown[] }> {
    const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    if (filter?.schoolCodes) query.set('schoolCodes', filter.schoolCodes.join(','));
    const parsed = listResponse.safeParse(await call('list', `${apiRoot}?${query}`));
    if (!parsed.success) throw unavailable('list', 'listing answer is not { total, items }');
    return { total: parsed.data.total, records: parsed.data.items };
  }

  /** Maps records, logging and counting those that do not parse. */
  function mapRecords(records: ReadonlyArray<unknown>): Array<Teacher | InvalidTeacherRecord> {
    return records.map((raw) => {
      const mapped = mapTeacherRecord(raw);
      if (mapped.ok) return mapped.teacher;
      counters.invalidRecords++;
      logger.error({ id: mapped.id, problems: mapped.problems }, 'teacher HR record does not parse; left out');
      return new InvalidTeacherRecord(mapped.id);
    });
  }

  const valid = (items: ReadonlyArray<Teacher | InvalidTeacherRecord>) =>
    items.filter((t): t is Teacher => !(t instanceof InvalidTeacherRecord));

  return {
    counters,
    async teachersInRange(offset, count, filter) {
      // No school in the filter (e.g. a row scope without schools): nothing to ask the HR system.
      if (filter?.schoolCodes?.length === 0) return { total: 0, entries: [] };
      if (count === 0) return { total: (await listPage(1, 1, filter)).total, entries: [] };
      // One API page when the range is exactly one (first ≤ 200, offset a multiple of first), else the covering pages of 200.
      const onePage = count <= API_MAX_PAGE_SIZE && offset % count === 0;
      const pageSize = onePage ? count : API_MAX_PAGE_SIZE;
      const firstPage = Math.floor(offset / pageSize) + 1;
      const lastPage = Math.floor((offset + count - 1) / pageSize) + 1;
      const pages = await Promise.all(
        Array.from({ length: lastPage - firstPage + 1 }, (_, i) => listPage(firstPage + i, pageSize, filter)),
      );
      const skip = offset - (firstPage - 1) * pageSize;
      const mapped = mapRecords(pages.flatMap((p) => p.records)).slice(skip, skip + count);
      return {
        total: pages[0]!.total,
        entries: mapped.flatMap((teacher, i) => (teacher instanceof InvalidTeacherRecord ? [] : [{ offset: offset + i, teacher }])),
      };
    },
    async allTeachers(filter) {
      if (filter?.schoolCodes?.length === 0) return [];
      const first = await listPage(1, API_MAX_PAGE_SIZE, filter);
      const pageCount = Math.ceil(first.total / API_MAX_PAGE_SIZE);
      const rest = await Promise.all(
        Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => listPage(i + 2, API_MAX_PAGE_SIZE, filter)),
      );
      return valid(mapRecords([first, ...rest].flatMap((p) => p.records)));
    },
    async teachersByIds(ids, filter) {
      if (ids.length > API_MAX_BATCH_IDS) throw new RangeError(`at most ${API_MAX_BATCH_IDS} ids per batch, got ${ids.length}`);
      if (ids.length === 0) return new Map();
      const parsed = batchResponse.safeParse(await call('batch', `${apiRoot}/batch`, { ids }));
      if (!parsed.success) throw unavailable('batch', 'batch answer is not an array');
      // The batch endpoint has no school filter: row scope is applied to its answer.
      const inScope = filter?.schoolCodes ? new Set(filter.schoolCodes) : undefined;
      const found = new Map<string, Teacher | InvalidTeacherRecord>();
      for (const teacher of mapRecords(parsed.data)) {
        if (teacher instanceof InvalidTeacherRecord) {
          if (teacher.id !== null) found.set(teacher.id, teacher);
        } else if (!inScope || inScope.has(teacher.school.code)) {
          found.set(teacher.id, teacher);
        }
      }
      return found;
    },
    async teachersByIdNumber(idNumber, filter) {
      if (filter?.schoolCodes?.length === 0) return [];
      const body = { idNumber, ...(filter?.schoolCodes ? { schoolCodes: filter.schoolCodes } : {}) };
      const parsed = listResponse.safeParse(await call('search', `${apiRoot}/search`, body));
      if (!parsed.success) throw unavailable('search', 'search answer is not { total, items }');
      return valid(mapRecords(parsed.data.items));
    },
    async close() {
      closing.abort();
    },
  };
}

function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (error instanceof Error && error.name === 'AbortError') return 'adapter closed';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
