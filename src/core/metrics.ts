import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every Prometheus metric Tributary exposes on `/metrics`, in one registry per server. */
export interface Metrics {
  registry: Registry;
  vendorRequests: Counter<'vendor' | 'operation' | 'status'>;
  vendorRequestDuration: Histogram<'vendor' | 'operation'>;
  vendorResponseBytes: Counter<'vendor' | 'operation'>;
  graphqlRequests: Counter<'operation_type' | 'status'>;
  subscriptionsActive: Gauge;
  subscriptionExecutions: Gauge;
  pollersActive: Gauge<'vendor'>;
  eventLoopLag: Gauge;
  inFlight: Gauge;
  concurrencyLimit: Gauge;
  breakerOpen: Gauge<'vendor'>;
  cacheLookups: Counter<'vendor' | 'outcome'>;
  responseCache: Counter<'result'>;
  liveEventsDropped: Counter<'vendor' | 'reason'>;
  pollerEventsDropped: Counter<'vendor' | 'feed'>;
  liveTopicsActive: Gauge<'vendor'>;
  requestsRefused: Counter<'transport' | 'reason'>;
  graphqlDuration: Histogram<'operation' | 'type' | 'outcome'>;
  dependencyUp: Gauge<'dependency'>;
  redisFallbacks: Counter<'use'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'tributary_' });
  return {
    registry,
    vendorRequests: new Counter({
      name: 'tributary_vendor_requests_total',
      help: 'Upstream vendor requests by vendor, operation and outcome (HTTP status or error code).',
      labelNames: ['vendor', 'operation', 'status'],
      registers: [registry],
    }),
    vendorRequestDuration: new Histogram({
      name: 'tributary_vendor_request_duration_seconds',
      help: 'Upstream vendor request duration in seconds.',
      labelNames: ['vendor', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    vendorResponseBytes: new Counter({
      name: 'tributary_vendor_response_bytes_total',
      help: 'Bytes of upstream vendor response bodies by vendor and operation (what a read costs beside its call).',
      labelNames: ['vendor', 'operation'],
      registers: [registry],
    }),
    graphqlRequests: new Counter({
      name: 'tributary_graphql_requests_total',
      help: 'GraphQL operations by type and outcome.',
      labelNames: ['operation_type', 'status'],
      registers: [registry],
    }),
    subscriptionExecutions: new Gauge({
      name: 'tributary_subscription_executions_active',
      help: 'Distinct subscription executions running: subscribers of the same operation, caller and credentials share one.',
      registers: [registry],
    }),
    subscriptionsActive: new Gauge({
      name: 'tributary_subscriptions_active',
      help: 'GraphQL subscriptions currently open.',
      registers: [registry],
    }),
    pollersActive: new Gauge({
      name: 'tributary_pollers_active',
      help: 'Upstream pollers or streams currently running, per vendor.',
      labelNames: ['vendor'],
      registers: [registry],
    }),
    eventLoopLag: new Gauge({
      name: 'tributary_event_loop_lag_seconds',
      help: 'How late the event loop runs (median of the last 200 ms), as used for load shedding; 0 while SHED_EVENT_LOOP_DELAY_MS is 0.',
      registers: [registry],
    }),
    inFlight: new Gauge({
      name: 'tributary_http_in_flight',
      help: 'GraphQL operations in flight on every transport, as load shedding counts them.',
      registers: [registry],
    }),
    concurrencyLimit: new Gauge({
      name: 'tributary_concurrency_limit',
      help: 'The adaptive concurrency limit in force (never above MAX_IN_FLIGHT): operations past it get 503.',
      registers: [registry],
    }),
    breakerOpen: new Gauge({
      name: 'tributary_vendor_circuit_open',
      help: "1 while a vendor's circuit breaker is open (or half-open), else 0.",
      labelNames: ['vendor'],
      registers: [registry],
    }),
    liveTopicsActive: new Gauge({
      name: 'tributary_live_topics_active',
      help: 'Live topics whose upstream this instance runs (one per vendor, credential and resource).',
      labelNames: ['vendor'],
      registers: [registry],
    }),
    liveEventsDropped: new Counter({
      name: 'tributary_live_events_dropped_total',
      help: 'Live events a subscriber that fell behind never got: pushed out oldest first (reason="overflow") or replaced by a newer value of the same source and name (reason="conflated").',
      labelNames: ['vendor', 'reason'],
      registers: [registry],
    }),
    pollerEventsDropped: new Counter({
      name: 'tributary_poller_events_dropped_total',
      help: "Items a polling vendor's feed (its bounded buffer over the shared poller) dropped, oldest first, because the live layer fell behind; feed is the live feed (measurements, alertEvents, bookMessages).",
      labelNames: ['vendor', 'feed'],
      registers: [registry],
    }),
    responseCache: new Counter({
      name: 'tributary_response_cache_total',
      help: 'Query answers served whole from the response cache (hit), run and stored (stored), or run without it (miss).',
      labelNames: ['result'],
      registers: [registry],
    }),
    requestsRefused: new Counter({
      name: 'tributary_requests_refused_total',
      help: 'Requests refused at admission, by transport (http, ws, sse) and reason (size, csrf, origin, shed_concurrency, shed_event_loop, unauthenticated, parse, validation, operation, method, cost, budget).',
      labelNames: ['transport', 'reason'],
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'tributary_graphql_request_duration_seconds',
      help: 'GraphQL operation duration by operation name (the first METRICS_OPERATION_NAMES names, then "other"), type and outcome (ok, error, refused).',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    cacheLookups: new Counter({
      name: 'tributary_vendor_cache_lookups_total',
      help: 'Shared cache lookups of vendor reads by outcome (HIT, MISS, STALE); hit ratio = HIT / all.',
      labelNames: ['vendor', 'outcome'],
      registers: [registry],
    }),
    dependencyUp: new Gauge({
      name: 'tributary_dependency_up',
      help: 'Shared dependencies (redis, mqtt): 1 while connected, 0 while down. Absent when the dependency is not configured.',
      labelNames: ['dependency'],
      registers: [registry],
    }),
    redisFallbacks: new Counter({
      name: 'tributary_redis_fallbacks_total',
      help: 'Redis calls that failed or were skipped while Redis was down, by what fell back: vendor-cache (read went to the vendor), caller-budget (fail open or closed), live (local poller or delivery), answer-cache (invalidation not broadcast).',
      labelNames: ['use'],
      registers: [registry],
    }),
  };
}
