import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { register } from 'prom-client';
import { sendJson, type Route } from '../http-graphql';

/**
 * `GET /metrics` (Prometheus text format) on every part. It tells an outsider
 * how the pool is used, so it answers only with `Authorization: Bearer
 * <METRICS_TOKEN>`; without METRICS_TOKEN configured it is off (404).
 */
export function metricsRoute(metricsToken: string | undefined): Route {
  const expected = metricsToken ? digest(metricsToken) : undefined;
  return {
    method: 'GET',
    path: '/metrics',
    handle: async (request: IncomingMessage, response: ServerResponse) => {
      if (!expected) {
        sendJson(response, 404, { errors: [{ message: 'Metrics are off: the operators set METRICS_TOKEN to turn them on.', extensions: { code: 'FORBIDDEN' } }] });
        return;
      }
      const presented = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      // Digests of equal length, so the comparison takes the same time whatever was sent.
      if (!presented || !timingSafeEqual(digest(presented), expected)) {
        sendJson(response, 401, { errors: [{ message: 'Metrics need Authorization: Bearer <METRICS_TOKEN>.', extensions: { code: 'UNAUTHENTICATED' } }] }, {
          'www-authenticate': 'Bearer realm="metrics"',
        });
        return;
      }
      response.writeHead(200, { 'content-type': register.contentType });
      response.end(await register.metrics());
    },
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();
