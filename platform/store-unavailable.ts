/**
 * SQLSTATE classes that mean "the store is not there right now": 08
 * connection exception, 53 insufficient resources, 57 operator intervention
 * (57014: statement timeout), and pg's own errors without a SQLSTATE
 * (connection refused, connection terminated, query timeout). A JavaScript
 * TypeError and its kin are our defects, never the store's absence.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) return false;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return true;
  if (/^(08|53|57)/.test(code)) return true;
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code);
}
