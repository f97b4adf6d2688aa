import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { sendJson, type Route } from '../platform/http-graphql';

/**
 * The console (console/, built into console/dist) served by the gateway at
 * /console: same origin as /graphql, so the session cookie is SameSite=Strict
 * and no CORS is needed. Its Content-Security-Policy lets the page load and
 * call nothing outside the pool (no CDN, no telemetry); Ant Design writes its
 * styles at run time, hence 'unsafe-inline' for styles only. Hashed assets
 * are cached for good; index.html never, so a new build shows at once.
 */
export const CONSOLE_DIST = path.join(__dirname, '..', 'console', 'dist');

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:",
  "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'",
].join('; ');

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.json': 'application/json',
};

const securityHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY',
} as const;

async function sendFile(response: ServerResponse, file: string, immutable: boolean): Promise<boolean> {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return false;
  }
  response.writeHead(200, {
    ...securityHeaders,
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  response.end(body);
  return true;
}

export interface ConsoleRouteOptions {
  readonly dist?: string;
  /**
   * Serve the developers' explorer (GraphiQL, console/explorer.html) at
   * /explorer: on outside production only, where introspection is on too.
   */
  readonly explorer: boolean;
}

export function consoleRoutes({ dist = CONSOLE_DIST, explorer }: ConsoleRouteOptions): Route[] {
  const notBuilt = (response: ServerResponse) => sendJson(response, 503, {
    errors: [{ message: 'The console is not built. Run `npm run console:build` (npm start builds it on first run).', extensions: { code: 'UPSTREAM_UNAVAILABLE', system: 'console' } }],
  });
  const explorerRoutes: Route[] = explorer ? [{
    method: 'GET', path: '/explorer',
    handle: async (_request, response) => {
      if (!await sendFile(response, path.join(dist, 'explorer.html'), false)) notBuilt(response);
    },
  }] : [];
  return [
    ...explorerRoutes,
    {
      method: 'GET', path: '/',
      handle: async (_request, response) => {
        response.writeHead(302, { location: '/console/' });
        response.end();
      },
    },
    {
      method: 'GET', path: '/console',
      handle: async (_request, response) => {
        response.writeHead(301, { location: '/console/' });
        response.end();
      },
    },
    {
      method: 'GET', path: '/console/', prefix: true,
      handle: async (request, response) => {
        let pathname: string;
        try {
          pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
        } catch {
          pathname = '/console/';
        }
        const relative = path.normalize(pathname.slice('/console/'.length));
        // Only files inside dist: a path with .. or a NUL never leaves it.
        const inside = !relative.startsWith('..') && !path.isAbsolute(relative) && !relative.includes('\0');
        if (inside && relative !== '.' && relative.startsWith('assets') && await sendFile(response, path.join(dist, relative), true)) return;
        if (!await sendFile(response, path.join(dist, 'index.html'), false)) notBuilt(response);
      },
    },
  ];
}
