import { INVALID_SPAN_CONTEXT, ProxyTracerProvider, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * OpenTelemetry spans around the work that matters (HTTP in, GraphQL operation, each vendor
 * call). Without a registered SDK (the default) no span is started at all: the API's no-op
 * tracer still cost a span object, a context switch and an async frame per call.
 */
const tracer = trace.getTracer('tributary');

/** The API's own no-op provider, which the global proxy answers with until an SDK registers. */
const NOOP_PROVIDER = new ProxyTracerProvider().getDelegate();

/** Handed to `fn` when tracing is off; records nothing, like the no-op tracer's spans. */
const IDLE_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** True once a tracer provider is registered (checked per call: tests register one late). */
export function tracingActive(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NOOP_PROVIDER;
}

export function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  if (!tracingActive()) {
    try {
      return fn(IDLE_SPAN);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
