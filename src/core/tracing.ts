import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * OpenTelemetry spans around the work that matters (HTTP in, GraphQL operation, each vendor
 * call). Without a registered SDK (the default) these are no-ops that cost next to nothing.
 */
const tracer = trace.getTracer('tributary');

export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
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
