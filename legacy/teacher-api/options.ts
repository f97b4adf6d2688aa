/** How the stand-in behaves; defaults imitate a healthy but slowish HR system. */
export interface TeacherApiOptions {
  /** 0 (the default) lets the OS pick a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly apiKey: string;
  /** Delay before every answer, in ms (default 20). */
  readonly latencyMs?: number;
  /** Fraction of requests answered 503, 0..1 (default 0). */
  readonly failureRate?: number;
  /** Path of `teachers.ndjson`. */
  readonly dataFile: string;
  /** Injected so tests decide which requests fail (default Math.random). */
  readonly random?: () => number;
  /** Injected so tests observe the delay without waiting for it (default setTimeout). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_BATCH_IDS = 100;
export const MAX_BODY_BYTES = 64 * 1024;

export type ResolvedTeacherApiOptions = Required<Omit<TeacherApiOptions, 'dataFile'>>;

export function resolveOptions(options: TeacherApiOptions): ResolvedTeacherApiOptions {
  const failureRate = options.failureRate ?? 0;
  const latencyMs = options.latencyMs ?? 20;
  if (!options.apiKey) throw new Error('teacher API stand-in: apiKey must not be empty');
  if (!(failureRate >= 0 && failureRate <= 1)) throw new Error(`teacher API stand-in: failureRate must be within 0..1, got ${failureRate}`);
  if (!(latencyMs >= 0)) throw new Error(`teacher API stand-in: latencyMs must be ≥ 0, got ${latencyMs}`);
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    apiKey: options.apiKey,
    latencyMs,
    failureRate,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}
