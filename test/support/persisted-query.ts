import { createHash } from 'node:crypto';

/** The automatic-persisted-query extension of an operation text (version 1, sha256 hex). */
export function persistedQueryExtension(query: string) {
  return { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
}

export interface ApqReply {
  readonly status: number;
  readonly body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

/** POSTs an APQ request: the hash alone, or with the text (which registers it). */
export async function postPersisted(url: string, token: string, query: string, withText: boolean, variables?: Record<string, unknown>): Promise<ApqReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ ...(withText ? { query } : {}), ...(variables ? { variables } : {}), extensions: persistedQueryExtension(query) }),
  });
  return { status: response.status, body: await response.json() as ApqReply['body'] };
}

/**
 * GETs an APQ request by hash, as a CDN-friendly client does. Apollo's CSRF
 * prevention wants a header a browser form cannot send on a GET.
 */
export async function getPersisted(url: string, token: string, query: string): Promise<ApqReply> {
  const search = new URLSearchParams({ extensions: JSON.stringify(persistedQueryExtension(query)) });
  const response = await fetch(`${url}?${search}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: await response.json() as ApqReply['body'] };
}
