import { cacheExchange, Client, fetchExchange } from 'urql';
import type { CombinedError } from 'urql';

/**
 * The console is a client of the pool's own GraphQL and nothing more: the
 * session cookie rides along (same origin), every refusal comes back as the
 * pool's own error with its code and message, shown to the person as is.
 */
export const poolClient = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  fetchOptions: { credentials: 'same-origin' },
  requestPolicy: 'cache-and-network',
  // Queries go as JSON POSTs like everything else: the gateway's CSRF prevention refuses a bare GET.
  preferGetMethod: false,
});

/**
 * The operation context that declares a purpose (x-edupool-purpose, UTF-8
 * percent-encoded): a read under a grant fixed to a purpose must declare it.
 */
export function purposeHeaders(purpose: string | undefined) {
  if (!purpose) return undefined;
  return { fetchOptions: { credentials: 'same-origin' as const, headers: { 'x-edupool-purpose': encodeURIComponent(purpose) } } };
}

export interface Person {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly unit: { readonly code: string; readonly name: string };
  readonly roles: ReadonlyArray<string>;
}

interface PoolErrorBody {
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function authCall(path: string, init: RequestInit): Promise<{ person?: Person; error?: string }> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  const body = await response.json() as { person?: Person } & PoolErrorBody;
  if (response.ok) return body.person ? { person: body.person } : {};
  return { error: body.errors?.[0]?.message ?? `请求失败（HTTP ${response.status}）` };
}

export const currentSession = () => authCall('/auth/session', { method: 'GET' });

export const signIn = (login: string, password: string) => authCall('/auth/sign-in', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }),
});

export const signOut = () => authCall('/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

/** What the pool said, in its own words (the message names the legal basis or the resource to apply for). */
export function refusalText(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.graphQLErrors.length > 0) return error.graphQLErrors.map((e) => e.message).join('；');
  return '无法连接数据资源池，请稍后重试。';
}

/**
 * A field the pool refused, in words a clerk reads: why, and what to do —
 * the legal basis of a not-shared field, the resource to apply for, the
 * purpose a grant is bound to. Unknown refusals keep the pool's own message.
 */
export function fieldRefusalText(extensions: Record<string, unknown> | undefined, message: string): string {
  const resource = String(extensions?.resource ?? '');
  switch (extensions?.code) {
    case 'NOT_SHARED':
      return `不予共享（目录资源 ${resource}），依据：${String(extensions.legalBasis ?? '')}`;
    case 'NOT_GRANTED':
      if (Array.isArray(extensions.grantPurposes)) {
        return `授权仅用于“${extensions.grantPurposes.join('”或“')}”，本次读取未声明该用途`;
      }
      if (typeof extensions.expiredAt === 'string') return `授权已于 ${extensions.expiredAt.slice(0, 10)} 到期，请重新申请目录资源 ${resource}`;
      return `未获授权，如确有需要，请申请目录资源 ${resource}（只选所需字段）`;
    case 'OUT_OF_SCOPE':
      return '记录不在授权的记录范围内';
    default:
      return message;
  }
}
