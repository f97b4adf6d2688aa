import { errors } from '../../policies/errors';
import { DEFAULT_PAGE_SIZE } from '../../platform/cross-part-types';
import { toGraphQLError } from '../../platform/graphql-errors';

/**
 * Relay-style connections shared by every subgraph's lists: `first` defaults to
 * 20 and above the configured maximum is BAD_USER_INPUT; cursors are opaque
 * (base64url of a keyset value or an offset) and a cursor that does not decode
 * is BAD_USER_INPUT too, never an internal error.
 */
export interface PageRequest {
  readonly first: number;
  /** The decoded cursor, or undefined for the first page. */
  readonly after?: string;
}

export function pageRequest(
  args: { first?: number | null; after?: string | null }, maxPageSize: number, coordinate: string,
): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize) {
    throw toGraphQLError(errors.badUserInput('first', `must be between 0 and ${maxPageSize}, got ${first}. Page with \`after\` for more.`, coordinate));
  }
  if (args.after === undefined || args.after === null) return { first };
  return { first, after: decodeCursor(args.after, coordinate) };
}

export function encodeCursor(value: string): string {
  return Buffer.from(`c:${value}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, coordinate: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('c:') || encodeCursor(text.slice(2)) !== cursor) {
    throw toGraphQLError(errors.badUserInput('after', 'is not a cursor this list returned. Use pageInfo.endCursor of the previous page.', coordinate));
  }
  return text.slice(2);
}

export interface Connection<T> {
  readonly totalCount: number;
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: T }>;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/**
 * Builds a connection from `first + 1` fetched items (the extra one only tells
 * whether there is a next page) and the cursor value of each item.
 */
export function toConnection<T>(
  fetched: ReadonlyArray<T>, first: number, totalCount: number, cursorOf: (item: T) => string,
): Connection<T> {
  const page = fetched.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    totalCount,
    edges,
    pageInfo: { hasNextPage: fetched.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
