import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry traces (issue 11 item 6). Configured only by the standard
 * OTEL_* variables: with no OTLP endpoint set (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), or OTEL_SDK_DISABLED=true, nothing is
 * started and every span below is the API's no-op, so an untraced pool pays
 * one function call per span. W3C trace context (`traceparent`) is read from
 * every incoming request and written on every call to a subgraph and to the
 * teacher HR API, so one trace runs gateway → subgraph → legacy call.
 */
export const tracer = trace.getTracer('edupool');

export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is buffered (a part does so as it stops). */
  flush(): Promise<void>;
  /** Exports what is buffered, then stops. */
  shutdown(): Promise<void>;
}

let running: Tracing | undefined;

/**
 * Starts tracing for this process once (later calls return the first
 * started). A test may pass its own exporter; otherwise the OTLP/HTTP
 * exporter reads its endpoint and headers from OTEL_*.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env, exporter?: SpanExporter): Tracing {
  if (running) return running;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if ((!endpoint && !exporter) || env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') {
    return { enabled: false, flush: async () => undefined, shutdown: async () => undefined };
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter ?? new OTLPTraceExporter())],
  });
  // Registers the W3C trace-context propagator and the AsyncLocalStorage context manager.
  provider.register();
  running = {
    enabled: true,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      running = undefined;
    },
  };
  return running;
}

/** Runs `work` in a server span continuing the caller's trace (from its `traceparent` header). */
export function withServerSpan<T>(name: string, headers: Record<string, string | string[] | undefined>, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(context.active(), headers);
  return tracer.startActiveSpan(name, { kind: SpanKind.SERVER }, parent, (span) => settle(span, work));
}

/** Runs `work` in a client span; `inject` gets the headers that carry its trace context to the callee. */
export function withClientSpan<T>(
  name: string, attributes: Record<string, string>, work: (traceHeaders: Record<string, string>) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, (span) => settle(span, () => {
    const traceHeaders: Record<string, string> = {};
    propagation.inject(context.active(), traceHeaders);
    return work(traceHeaders);
  }));
}

async function settle<T>(span: Span, work: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await work(span);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    throw error;
  } finally {
    span.end();
  }
}

/** Writes the active trace context (`traceparent`, `tracestate`) onto outgoing headers; nothing while tracing is off. */
export function injectTraceContext(headers: { set(name: string, value: string): void } | undefined): void {
  if (!headers) return;
  propagation.inject(context.active(), headers, { set: (carrier, name, value) => carrier.set(name, value) });
}
