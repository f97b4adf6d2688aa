import type { TestPool } from '../support/test-pool';

/** Calls beside /graphql: the sign-in routes and the token endpoint, as a browser or an app would. */
export async function signIn(pool: TestPool, login: string, password: string) {
  const response = await fetch(new URL('/auth/sign-in', pool.url), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }),
  });
  const body = await response.json() as { person?: { roles: string[]; unit: { code: string } }; errors?: Array<{ message: string; extensions: { code: string } }> };
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { status: response.status, body, setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

export async function withCookie(pool: TestPool, cookie: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(pool.url, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions: { code: string } }> } };
}

export function jtiOfCookie(cookie: string): string {
  const token = cookie.slice(cookie.indexOf('=') + 1);
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { jti: string }).jti;
}

export async function requestToken(pool: TestPool, form: Record<string, string>, basic?: { id: string; secret: string }) {
  const response = await fetch(new URL('/oauth/token', pool.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(basic ? { authorization: `Basic ${Buffer.from(`${encodeURIComponent(basic.id)}:${encodeURIComponent(basic.secret)}`).toString('base64')}` } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: await response.json() as { access_token?: string; token_type?: string; expires_in?: number; scope?: string; error?: string; error_description?: string },
  };
}
