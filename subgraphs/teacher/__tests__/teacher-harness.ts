import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import type { TeacherRecord } from '../../../legacy/records';
import { startTeacherApi, writeTeacherFile, type RunningTeacherApi } from '../../../legacy/teacher-api';
import { sealedRequests } from '../../kit/__tests__/sealed-requests';
import type { Permissions } from '../../../policies/permissions';
import { serveSubgraph } from '../../kit/serve-subgraph';
import { allowAllPermissions, claimsWith } from '../../kit/__tests__/test-permissions';
import { createTeacherServices, teacherSubgraph, type TeacherServices } from '../index';

/**
 * The real teacher HR stand-in (latency 0) behind the teacher subgraph served
 * over HTTP, as the gateway would call it: each query carries a freshly signed
 * context. Log lines are captured so tests can check what the operators see.
 */
export const API_KEY = 'teacher-test-key';

export interface GraphQLResponse {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
  readonly extensions?: Record<string, unknown>;
}

export interface TeacherHarness {
  readonly api: RunningTeacherApi;
  readonly services: TeacherServices;
  readonly logs: ReadonlyArray<Record<string, unknown>>;
  /** Signs a context carrying `permissions` (default: everything allowed) and the token's `purpose`, if any, for this one query. */
  query(query: string, variables?: Record<string, unknown>, permissions?: Permissions, purpose?: string): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The key the subgraph sends; the stand-in expects API_KEY. */
  readonly apiKey?: string;
  readonly timeoutMs?: number;
  readonly latencyMs?: number;
  readonly failureRate?: number;
}

export async function startTeacherHarness(records: ReadonlyArray<TeacherRecord>, options: HarnessOptions = {}): Promise<TeacherHarness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'edupool-teacher-subgraph-'));
  const dataFile = path.join(dir, 'teachers.ndjson');
  await writeTeacherFile(dataFile, records);
  const api = await startTeacherApi({
    apiKey: API_KEY, dataFile, latencyMs: options.latencyMs ?? 0, failureRate: options.failureRate ?? 0,
  });
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => { logs.push(JSON.parse(line) as Record<string, unknown>); } });
  const services = createTeacherServices({
    cellKeySecret: 'test-cell-key-secret', baseUrl: api.url, apiKey: options.apiKey ?? API_KEY, timeoutMs: options.timeoutMs ?? 2_000, maxPageSize: 500, logger,
  });
  const seal = await sealedRequests();
  const subgraph = await serveSubgraph(teacherSubgraph, services, { ...seal.serveOptions, logger });
  return {
    api,
    services,
    logs,
    async query(query, variables = {}, permissions = allowAllPermissions(), purpose) {
      const body = { query, variables };
      const response = await seal.post(subgraph.url, 'teacher', { ...claimsWith(permissions), ...(purpose ? { purpose } : {}) }, body);
      return (await response.json()) as GraphQLResponse;
    },
    async close() {
      await subgraph.close();
      await services.close();
      await api.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The representations `_entities` receives from the gateway. */
export const teacherRefs = (ids: ReadonlyArray<string>) => ids.map((id) => ({ __typename: 'Teacher', id }));
export const schoolRefs = (codes: ReadonlyArray<string>) => codes.map((code) => ({ __typename: 'School', code }));
