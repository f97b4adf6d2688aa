import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { startTracing, tracer, type Tracing } from '../../platform/observability/tracing';
import { startTestPool, type TestPool } from '../support/test-pool';

/**
 * Issue 11 item 6, traces: the pool exports over OTLP/HTTP to a receiver of
 * this file's own, configured only by OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, and
 * one request gives one trace running gateway → student and teacher
 * subgraphs → their legacy calls (SQL, the HR API over HTTP).
 */
interface ExportedSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number }

const received: ExportedSpan[] = [];
let receiver: Server;
let tracing: Tracing;
let pool: TestPool;
const endpointBefore = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
const untraced: { enabled?: boolean; traceId?: string } = {};

beforeAll(async () => {
  // Before anything is configured: no provider, so spans are the API's no-ops.
  untraced.enabled = startTracing('edupool', {}).enabled;
  untraced.traceId = tracer.startSpan('probe').spanContext().traceId;
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: Array<{ scopeSpans: Array<{ spans: ExportedSpan[] }> }>;
      };
      for (const resource of body.resourceSpans) for (const scope of resource.scopeSpans) received.push(...scope.spans);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces`;
  tracing = startTracing('edupool-test');
  pool = await startTestPool();
});

afterAll(async () => {
  await pool?.close();
  await tracing?.shutdown();
  if (endpointBefore === undefined) delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  else process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = endpointBefore;
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

it('starts nothing when no OTLP endpoint is configured: spans are no-ops without a trace id', () => {
  expect(untraced).toEqual({ enabled: false, traceId: '00000000000000000000000000000000' });
});

it('exports one trace from the gateway through each subgraph to each legacy call', async () => {
  expect(tracing.enabled).toBe(true);
  const query = '{ schools(first: 2) { edges { node { code classes { id headTeacher { id title { name } } } } } } }';
  const reply = await pool.graphql(query, { unit: '440100', headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
  expect(reply.body.errors).toBeUndefined();
  await tracing.flush();

  const inTrace = received.filter((span) => span.traceId === '0af7651916cd43dd8448eb211c80319c');
  const byId = new Map(inTrace.map((span) => [span.spanId, span]));
  const ancestry = (span: ExportedSpan): string[] => {
    const names = [span.name];
    for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) {
      names.push(parent.name);
    }
    return names;
  };
  const legacySql = inTrace.find((span) => span.name === 'student-status sql');
  const legacyHr = inTrace.find((span) => span.name.startsWith('teacher-hr '));
  expect(legacySql).toBeDefined();
  expect(legacyHr).toBeDefined();
  // Each legacy call sits under its subgraph's server span, which sits under the gateway's, which continues the client's trace.
  expect(ancestry(legacySql!)).toEqual(expect.arrayContaining(['student-status sql', 'student POST', 'gateway POST']));
  expect(ancestry(legacyHr!)).toEqual(expect.arrayContaining([legacyHr!.name, 'teacher POST', 'gateway POST']));
  const gatewaySpan = inTrace.find((span) => span.name === 'gateway POST')!;
  expect(gatewaySpan.parentSpanId).toBe('b7ad6b7169203331');
});

it('starts a new trace for a request that brings none, and keeps requests apart', async () => {
  const before = new Set(received.map((span) => span.traceId));
  await pool.graphql('{ schools(first: 1) { edges { node { code } } } }', { unit: '440100' });
  await pool.graphql('{ schools(first: 1) { edges { node { name } } } }', { unit: '440100' });
  await tracing.flush();
  const gatewayTraces = new Set(received.filter((span) => span.name === 'gateway POST' && !before.has(span.traceId)).map((span) => span.traceId));
  expect(gatewayTraces.size).toBe(2);
  expect(trace.getActiveSpan()).toBeUndefined();
});
