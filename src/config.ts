import { createHash } from 'node:crypto';
import { accountsConfig, type AccountsConfig } from './accounts/accounts.config';
import { VENDORS, vendorKey, type Vendor } from './core/vendor';

/** How a vendor is reached and which credential the gateway uses when a caller brings none. */
export interface VendorConfig {
  vendor: Vendor;
  /** Base URL; null means "not configured" (the demo points it at the embedded simulator). */
  baseUrl: string | null;
  /** Static token (IOTAAP_TOKEN, …) used as is. */
  token: string | null;
  /** Credential-flow inputs (email/password, client id/secret, …) by their env suffix (`<VENDOR>_<KEY>`). */
  credentials: Readonly<Record<string, string>>;
  /** Vendor-specific settings (auth scheme, poll interval, …) by their env suffix. */
  options: Readonly<Record<string, string>>;
}

export interface AuthConfig {
  /** SHA-256 hex digests of the accepted API keys (`GATEWAY_API_KEYS`: keys or `sha256:<hex>`). */
  apiKeyHashes: readonly string[];
  /** HS256 secret for caller JWTs. */
  jwtSecret: string | null;
  /** JWKS URL for caller JWTs (RS256/ES256…). */
  jwksUrl: string | null;
  jwtIssuer: string | null;
  jwtAudience: string | null;
  /** Callers without a key or token are let in (the demo default). */
  allowAnonymous: boolean;
}

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Estimated cost (list sizes from `first`) above which a document is refused. */
  maxCost: number;
  /** Subscriptions one WebSocket connection may hold. */
  maxSubscriptionsPerConnection: number;
  /** Cost points a caller may spend per minute (0 = unlimited). */
  callerPointsPerMinute: number;
}

export interface Config {
  nodeEnv: string;
  production: boolean;
  /** Start the embedded simulators for every vendor without a configured URL. */
  demo: boolean;
  /** Serve the live dashboard's built assets at `/dashboard` (default: on in the demo). */
  dashboard: boolean;
  host: string;
  port: number;
  logLevel: string;
  debugErrors: boolean;
  introspection: boolean;
  /** What a browser opening /graphql gets (`GRAPHQL_IDE`). */
  explorer: ExplorerMode;
  vendorTimeoutMs: number;
  vendorRetries: number;
  vendorConcurrency: number;
  /** Consecutive timeouts/unavailable answers that open a vendor's circuit. */
  vendorBreakerThreshold: number;
  /** How long an open circuit fails fast before one probe call goes through. */
  vendorBreakerHalfOpenMs: number;
  /** How long a vendor GET answer is served from the shared cache without asking again (0 = never). */
  vendorCacheTtlMs: number;
  /** How old a cached answer may be to stand in for a failing vendor (0 = never). */
  vendorStaleIfErrorMs: number;
  /** Whole answers of queries, per caller: the longest they are reused (seconds; 0 = off), and the memory they may hold. */
  responseCache: { maxAgeSeconds: number; maxBytes: number };
  /** Operations run as graphql-jit compiled code instead of graphql-js's interpreter. */
  graphqlJit: boolean;
  /** Plain property fields without a resolver (type-graphql's `simpleResolvers`); off (src/schema/plain-field-resolvers.ts) only to measure what that buys. */
  leanResolvers: boolean;
  /** Benchmarks only: loaders without batching or caching, to measure what they save. */
  naiveLoaders: boolean;
  /** OpenTelemetry traces over OTLP (`OTEL_TRACES_EXPORTER=otlp` or an `OTEL_EXPORTER_OTLP_*ENDPOINT`). */
  tracing: boolean;
  /** How long a live upstream keeps running after its last subscriber left. */
  liveGraceMs: number;
  /** A slow subscriber's full buffer: replace the queued point of the same source and name (`conflate`), or drop the oldest event. */
  liveOverflow: 'conflate' | 'drop-oldest';
  /** How long a WebSocket may stay open without `connection_init` (closed with 4408). */
  wsInitTimeoutMs: number;
  maxPageSize: number;
  defaultPageSize: number;
  bodyLimitBytes: number;
  /** Multipart uploads (docs/files.md): largest file and most files per request. */
  upload: { maxFileBytes: number; maxFiles: number };
  simFaults: string;
  /** Redis for scale-out (pub/sub, shared cache, poller leases); null runs in memory. */
  redisUrl: string | null;
  /** Prefix of every Redis key and channel (several deployments can share one Redis). */
  redisPrefix: string;
  /** Deadline of every Redis call; past it the call fails and its user falls back. */
  redisCommandTimeoutMs: number;
  /** When Redis fails, the caller budget lets operations through (`open`, counted per instance) or refuses them with 503 (`closed`). */
  callerBudgetOnRedisError: 'open' | 'closed';
  /** On shutdown, how long `/readyz` answers 503 `draining` with the listener still open, before in-flight work is drained. */
  drainGraceMs: number;
  /** MQTT broker for vendors that stream over MQTT (Mainflux) and for the demo simulators. */
  mqttUrl: string | null;
  /** Who may call the gateway. */
  auth: AuthConfig;
  /** Limits every document must pass, on HTTP and WebSocket alike. */
  limits: LimitsConfig;
  /** Origins allowed by CORS and on WebSocket upgrades; empty = same-origin only. `*` = any. */
  corsOrigins: readonly string[];
  /** Hard ceiling of operations in flight (every transport); the adaptive limit stays below it. */
  maxInFlight: number;
  /** Shed new operations (503) while the event loop runs later than this, in ms; 0: never on delay. */
  shedEventLoopDelayMs: number;
  /** Distinct operation names the duration histogram keeps; later names count as `other`. */
  metricsOperationNames: number;
  /** Callers' own vendor accounts: store, key, fallback (src/accounts/accounts.config.ts). */
  accounts: AccountsConfig;
  vendors: Readonly<Record<Vendor, VendorConfig>>;
}

/** Apollo Sandbox (falling back to GraphiQL offline), the bundled GraphiQL, or no explorer. */
export type ExplorerMode = 'sandbox' | 'graphiql' | 'off';
const EXPLORER_MODES: readonly ExplorerMode[] = ['sandbox', 'graphiql', 'off'];

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the environment once into a frozen, typed config. The only reader of `process.env`. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const demo = bool(env, 'DEMO', !production);
  const maxPageSize = int(env, 'MAX_PAGE_SIZE', 100, 1, 1000);
  const vendors = Object.fromEntries(VENDORS.map((vendor) => [vendor, vendorConfig(env, vendor)])) as Record<
    Vendor,
    VendorConfig
  >;
  return deepFreeze({
    nodeEnv,
    production,
    demo,
    dashboard: bool(env, 'DASHBOARD', demo),
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: int(env, 'PORT', 4000, 0, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    debugErrors: bool(env, 'DEBUG_ERRORS', false),
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', !production),
    // GRAPHQL_SANDBOX=true|false is the deprecated spelling of GRAPHQL_IDE=sandbox|off.
    explorer: oneOf(env, 'GRAPHQL_IDE', EXPLORER_MODES, bool(env, 'GRAPHQL_SANDBOX', !production) ? 'sandbox' : 'off'),
    vendorTimeoutMs: int(env, 'VENDOR_TIMEOUT_MS', 10000, 1, 600000),
    vendorRetries: int(env, 'VENDOR_RETRIES', 2, 0, 10),
    vendorConcurrency: int(env, 'VENDOR_CONCURRENCY', 16, 1, 1024),
    vendorBreakerThreshold: int(env, 'VENDOR_BREAKER_THRESHOLD', 5, 1, 1000),
    vendorBreakerHalfOpenMs: int(env, 'VENDOR_BREAKER_HALF_OPEN_MS', 5000, 10, 600000),
    wsInitTimeoutMs: int(env, 'WS_INIT_TIMEOUT_MS', 10000, 100, 600000),
    liveGraceMs: int(env, 'LIVE_GRACE_MS', 5000, 0, 600000),
    liveOverflow: oneOf(env, 'LIVE_OVERFLOW', ['conflate', 'drop-oldest'], 'conflate'),
    naiveLoaders: bool(env, 'NAIVE_LOADERS', false),
    graphqlJit: bool(env, 'GRAPHQL_JIT', true),
    leanResolvers: bool(env, 'LEAN_RESOLVERS', true),
    tracing: (env.OTEL_TRACES_EXPORTER ?? '').split(',').includes('otlp') || Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
    vendorCacheTtlMs: int(env, 'VENDOR_CACHE_TTL_MS', 0, 0, 3_600_000),
    vendorStaleIfErrorMs: int(env, 'VENDOR_STALE_IF_ERROR_MS', 300_000, 0, 86_400_000),
    responseCache: {
      maxAgeSeconds: int(env, 'RESPONSE_CACHE_MAX_AGE', 5, 0, 3600),
      maxBytes: int(env, 'RESPONSE_CACHE_MAX_MB', 64, 1, 16_384) * 1024 * 1024,
    },
    maxPageSize,
    defaultPageSize: int(env, 'DEFAULT_PAGE_SIZE', Math.min(20, maxPageSize), 1, maxPageSize),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    upload: { maxFileBytes: int(env, 'UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1, 1024 * 1024 * 1024), maxFiles: int(env, 'UPLOAD_MAX_FILES', 5, 1, 100) },
    simFaults: env.SIM_FAULTS ?? '',
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: env.REDIS_PREFIX || 'tributary',
    redisCommandTimeoutMs: int(env, 'REDIS_COMMAND_TIMEOUT_MS', 250, 10, 60_000),
    callerBudgetOnRedisError: oneOf(env, 'CALLER_BUDGET_ON_REDIS_ERROR', ['open', 'closed'], 'open'),
    drainGraceMs: int(env, 'DRAIN_GRACE_MS', 2000, 0, 600_000),
    mqttUrl: url(env, 'MQTT_URL', ['mqtt:', 'mqtts:', 'ws:', 'wss:']),
    auth: authConfig(env, production),
    limits: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 12, 1, 100),
      maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 15, 0, 1000),
      maxDirectives: int(env, 'GRAPHQL_MAX_DIRECTIVES', 20, 0, 1000),
      maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', 3000, 50, 100000),
      maxCost: int(env, 'GRAPHQL_MAX_COST', 20000, 1, 10_000_000),
      maxSubscriptionsPerConnection: int(env, 'WS_MAX_SUBSCRIPTIONS', 50, 1, 10000),
      callerPointsPerMinute: int(env, 'CALLER_POINTS_PER_MINUTE', 0, 0, 100_000_000),
    },
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    maxInFlight: int(env, 'MAX_IN_FLIGHT', 1000, 1, 1_000_000),
    // Off by default under NODE_ENV=test: tests run the gateway and its clients in one process,
    // where a late event loop is the test's own doing, and a random 503 would be a flaky test.
    shedEventLoopDelayMs: int(env, 'SHED_EVENT_LOOP_DELAY_MS', nodeEnv === 'test' ? 0 : 50, 0, 60_000),
    metricsOperationNames: int(env, 'METRICS_OPERATION_NAMES', 50, 0, 10_000),
    accounts: accountsConfig(env, production, (message) => new ConfigError(message)),
    vendors,
  });
}

/** What the embedded simulators tell the gateway (see `startSimulators`). */
export interface SimulatorWiring {
  urls: Partial<Record<Lowercase<Vendor>, string>>;
  /** Demo credentials, keyed like the env suffixes in lower case (`email`, `client_id`, …). */
  credentials: Partial<Record<Lowercase<Vendor>, Record<string, string>>>;
  /** Extra endpoints, keyed like the vendor's option env suffixes in lower case (`ws_url`, …). */
  endpoints?: Partial<Record<Lowercase<Vendor>, Record<string, string>>>;
}

/**
 * Points every vendor without a configured URL at its simulator, with the simulator's demo
 * credentials; a vendor with a configured URL talks to that URL instead.
 */
export function withSimulators(config: Config, simulators: SimulatorWiring): Config {
  const vendors = { ...config.vendors };
  for (const vendor of VENDORS) {
    const key = vendorKey(vendor);
    const url = simulators.urls[key];
    if (vendors[vendor].baseUrl || !url) continue;
    vendors[vendor] = {
      ...vendors[vendor],
      baseUrl: url,
      credentials: upperKeys(simulators.credentials[key] ?? {}),
      options: { ...upperKeys(simulators.endpoints?.[key] ?? {}), ...vendors[vendor].options },
    };
  }
  return deepFreeze({ ...config, vendors });
}

function upperKeys(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key.toUpperCase(), value]));
}

function vendorConfig(env: Env, vendor: Vendor): VendorConfig {
  const baseUrlName = `${vendor}_BASE_URL`;
  const baseUrl = env[baseUrlName] || null;
  if (baseUrl !== null) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(baseUrl);
    } catch {
      parsed = null;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
      throw new ConfigError(`${baseUrlName} must be an http(s) URL, but got: ${baseUrl}`);
    }
  }
  // Every other `<VENDOR>_<KEY>` variable, whatever the vendor reads (its folder documents them):
  // the config knows no vendor's keys.
  const settings = Object.fromEntries(
    Object.entries(env)
      .filter(([name, value]) => name.startsWith(`${vendor}_`) && value && !['BASE_URL', 'TOKEN'].includes(name.slice(vendor.length + 1)))
      .map(([name, value]) => [name.slice(vendor.length + 1), value as string]),
  );
  return {
    vendor,
    baseUrl: baseUrl?.replace(/\/+$/, '') ?? null,
    token: env[`${vendor}_TOKEN`] || null,
    credentials: settings,
    options: settings,
  };
}

function authConfig(env: Env, production: boolean): AuthConfig {
  const apiKeyHashes = (env.GATEWAY_API_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((key) => {
      if (!key.startsWith('sha256:')) return createHash('sha256').update(key).digest('hex');
      const hex = key.slice('sha256:'.length).toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hex)) throw new ConfigError('GATEWAY_API_KEYS entries must be keys or sha256:<64 hex digits>, but got a malformed sha256 entry');
      return hex;
    });
  return {
    apiKeyHashes,
    jwtSecret: env.GATEWAY_JWT_SECRET || null,
    jwksUrl: url(env, 'GATEWAY_JWKS_URL', ['https:', 'http:']),
    jwtIssuer: env.GATEWAY_JWT_ISSUER || null,
    jwtAudience: env.GATEWAY_JWT_AUDIENCE || null,
    allowAnonymous: bool(env, 'GATEWAY_ALLOW_ANONYMOUS', !production),
  };
}

/**
 * Refuses configurations that would expose the gateway open: anonymous callers on a
 * non-loopback address, or in production, need GATEWAY_ALLOW_ANONYMOUS=true said explicitly.
 */
export function assertSafeToServe(config: Config, env: Env = process.env): void {
  const { auth } = config;
  const hasAuth = auth.apiKeyHashes.length > 0 || auth.jwtSecret !== null || auth.jwksUrl !== null;
  if (hasAuth || !auth.allowAnonymous) {
    if (!hasAuth) throw new ConfigError('GATEWAY_ALLOW_ANONYMOUS=false needs GATEWAY_API_KEYS, GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL');
    return;
  }
  const explicit = env.GATEWAY_ALLOW_ANONYMOUS === 'true';
  if (config.production && !explicit) {
    throw new ConfigError('Refusing to serve production without caller auth: set GATEWAY_API_KEYS, GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL, or GATEWAY_ALLOW_ANONYMOUS=true');
  }
  if (!isLoopback(config.host) && !explicit) {
    throw new ConfigError(`Refusing to serve anonymous callers on ${config.host}: configure caller auth or set GATEWAY_ALLOW_ANONYMOUS=true`);
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function url(env: Env, name: string, protocols: readonly string[]): string | null {
  const text = env[name];
  if (!text) return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(text);
  } catch {
    parsed = null;
  }
  if (!parsed || !protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must be a ${protocols.map((p) => p.replace(':', '')).join('/')} URL, but got: ${text}`);
  }
  return text;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, but got: ${text}`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (['true', '1', 'yes'].includes(text.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(text.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, but got: ${text}`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!(allowed as readonly string[]).includes(text)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, but got: ${text}`);
  }
  return text as T;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
