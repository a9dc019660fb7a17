import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * Starts OpenTelemetry tracing with the OTLP/HTTP exporter, which reads the standard `OTEL_*`
 * variables itself (endpoint, headers, service name). Off unless the config turned it on.
 */
export function startTracing(): { stop(): Promise<void> } {
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  return { stop: () => provider.shutdown() };
}
