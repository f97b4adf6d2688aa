/**
 * A request that could not be answered at all because a system it needs is
 * down (the governance store, above all) is answered HTTP 503 with
 * Retry-After, so clients and proxies back off and retry instead of treating
 * it as the pool's defect (500) or a success (200). A partial answer, with
 * data beside an UPSTREAM_UNAVAILABLE at one path, stays 200.
 */
export const RETRY_AFTER_SECONDS = 5;

/** Error-only answers are small; a longer body has data and is not inspected. */
const MAX_INSPECTED_LENGTH = 65_536;

/**
 * True for a GraphQL answer without data whose errors include
 * UPSTREAM_UNAVAILABLE. Apollo writes `errors` first, so only error answers
 * are parsed.
 */
export function isUnavailableAnswer(body: string): boolean {
  if (!body.startsWith('{"errors":') || body.length > MAX_INSPECTED_LENGTH) return false;
  let parsed: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return false;
  }
  return parsed.data == null && (parsed.errors ?? []).some((error) => error.extensions?.code === 'UPSTREAM_UNAVAILABLE');
}
