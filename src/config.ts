import { createHash } from 'node:crypto';
import { accountsConfig, type AccountsConfig } from './accounts/accounts.config';
import { VENDORS, vendorKey, type Vendor } from './core/vendor';
import { flag, oneOf as oneOfRule, readSetting, urlOf, wholeNumber, type SettingRule } from './vendors/option-fields';
import { parseVendorOptions, type VendorOptions } from './vendors/vendor-options';

/** How a vendor is reached, which credential the gateway uses when a caller brings none, and its own settings. */
export interface VendorConfig<V extends Vendor = Vendor> {
  vendor: V;
  /** Base URL; null means "not configured" (the demo points it at the embedded simulator). */
  baseUrl: string | null;
  /** Static token (IOTAAP_TOKEN, …) used as is. */
  token: string | null;
  /** Credential-flow inputs (email/password, client id/secret, …) by their env suffix (`<VENDOR>_<KEY>`). */
  credentials: Readonly<Record<string, string>>;
  /** The vendor's settings, parsed and checked once by its options schema (`src/vendors/<v>/<v>.options.ts`). */
  options: VendorOptions<V>;
  /** Every `<VENDOR>_<KEY>` setting as text, by its suffix: what `options` was parsed from (`withSimulators` adds the simulators' endpoints and parses again). */
  settings: Readonly<Record<string, string>>;
}

/** Each vendor's config, typed with its own options. */
export type VendorConfigs = { readonly [V in Vendor]: VendorConfig<V> };

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
  /** `GATEWAY_ALLOW_ANONYMOUS` was set to true, not just defaulted: needed to serve open in production or off loopback. */
  anonymousSaidExplicitly: boolean;
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
  /** Clean graphql-jit answers to plain JSON POSTs sent without Apollo's request pipeline (src/server/direct-answer.ts); off to measure what that buys. */
  directAnswers: boolean;
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
  vendors: VendorConfigs;
}

/** Apollo Sandbox (falling back to GraphiQL offline), the bundled GraphiQL, or no explorer. */
export type ExplorerMode = 'sandbox' | 'graphiql' | 'off';
const EXPLORER_MODES: readonly ExplorerMode[] = ['sandbox', 'graphiql', 'off'];

/** The settings refused at start, one line each (`<NAME> must be …, but got: <text>`). */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const lines = typeof problems === 'string' ? [problems] : [...problems];
    super(lines.join('\n'));
    this.name = 'ConfigError';
    this.problems = lines;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the environment once into a frozen, typed config: the only reader of `process.env`.
 * Every setting is checked, the vendors' through their options schemas, and every refusal is
 * collected, so one start reports all of them in one `ConfigError`.
 */
export function loadConfig(env: Env = process.env): Config {
  const read = new SettingsReader(env);
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const demo = read.bool('DEMO', !production);
  const maxPageSize = read.int('MAX_PAGE_SIZE', 100, 1, 1000);
  const accounts = read.settle(() => accountsConfig(env, production, (message) => new ConfigError(message)));
  const config: Omit<Config, 'accounts'> = {
    nodeEnv,
    production,
    demo,
    dashboard: read.bool('DASHBOARD', demo),
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: read.int('PORT', 4000, 0, 65535),
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    debugErrors: read.bool('DEBUG_ERRORS', false),
    introspection: read.bool('GRAPHQL_INTROSPECTION', !production),
    // GRAPHQL_SANDBOX=true|false is the deprecated spelling of GRAPHQL_IDE=sandbox|off.
    explorer: read.oneOf('GRAPHQL_IDE', EXPLORER_MODES, read.bool('GRAPHQL_SANDBOX', !production) ? 'sandbox' : 'off'),
    vendorTimeoutMs: read.int('VENDOR_TIMEOUT_MS', 10000, 1, 600000),
    vendorRetries: read.int('VENDOR_RETRIES', 2, 0, 10),
    vendorConcurrency: read.int('VENDOR_CONCURRENCY', 16, 1, 1024),
    vendorBreakerThreshold: read.int('VENDOR_BREAKER_THRESHOLD', 5, 1, 1000),
    vendorBreakerHalfOpenMs: read.int('VENDOR_BREAKER_HALF_OPEN_MS', 5000, 10, 600000),
    wsInitTimeoutMs: read.int('WS_INIT_TIMEOUT_MS', 10000, 100, 600000),
    liveGraceMs: read.int('LIVE_GRACE_MS', 5000, 0, 600000),
    liveOverflow: read.oneOf('LIVE_OVERFLOW', ['conflate', 'drop-oldest'], 'conflate'),
    naiveLoaders: read.bool('NAIVE_LOADERS', false),
    graphqlJit: read.bool('GRAPHQL_JIT', true),
    leanResolvers: read.bool('LEAN_RESOLVERS', true),
    directAnswers: read.bool('DIRECT_ANSWERS', true),
    tracing: (env.OTEL_TRACES_EXPORTER ?? '').split(',').includes('otlp') || Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
    vendorCacheTtlMs: read.int('VENDOR_CACHE_TTL_MS', 0, 0, 3_600_000),
    vendorStaleIfErrorMs: read.int('VENDOR_STALE_IF_ERROR_MS', 300_000, 0, 86_400_000),
    responseCache: {
      maxAgeSeconds: read.int('RESPONSE_CACHE_MAX_AGE', 5, 0, 3600),
      maxBytes: read.int('RESPONSE_CACHE_MAX_MB', 64, 1, 16_384) * 1024 * 1024,
    },
    maxPageSize,
    defaultPageSize: read.int('DEFAULT_PAGE_SIZE', Math.min(20, maxPageSize), 1, maxPageSize),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    upload: { maxFileBytes: read.int('UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1, 1024 * 1024 * 1024), maxFiles: read.int('UPLOAD_MAX_FILES', 5, 1, 100) },
    simFaults: env.SIM_FAULTS ?? '',
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: env.REDIS_PREFIX || 'tributary',
    redisCommandTimeoutMs: read.int('REDIS_COMMAND_TIMEOUT_MS', 250, 10, 60_000),
    callerBudgetOnRedisError: read.oneOf('CALLER_BUDGET_ON_REDIS_ERROR', ['open', 'closed'], 'open'),
    drainGraceMs: read.int('DRAIN_GRACE_MS', 2000, 0, 600_000),
    mqttUrl: read.url('MQTT_URL', ['mqtt:', 'mqtts:', 'ws:', 'wss:']),
    auth: authConfig(read, env, production),
    limits: {
      maxDepth: read.int('GRAPHQL_MAX_DEPTH', 12, 1, 100),
      maxAliases: read.int('GRAPHQL_MAX_ALIASES', 15, 0, 1000),
      maxDirectives: read.int('GRAPHQL_MAX_DIRECTIVES', 20, 0, 1000),
      maxTokens: read.int('GRAPHQL_MAX_TOKENS', 3000, 50, 100000),
      maxCost: read.int('GRAPHQL_MAX_COST', 20000, 1, 10_000_000),
      maxSubscriptionsPerConnection: read.int('WS_MAX_SUBSCRIPTIONS', 50, 1, 10000),
      callerPointsPerMinute: read.int('CALLER_POINTS_PER_MINUTE', 0, 0, 100_000_000),
    },
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    maxInFlight: read.int('MAX_IN_FLIGHT', 1000, 1, 1_000_000),
    // Off by default under NODE_ENV=test: tests run the gateway and its clients in one process,
    // where a late event loop is the test's own doing, and a random 503 would be a flaky test.
    shedEventLoopDelayMs: read.int('SHED_EVENT_LOOP_DELAY_MS', nodeEnv === 'test' ? 0 : 50, 0, 60_000),
    metricsOperationNames: read.int('METRICS_OPERATION_NAMES', 50, 0, 10_000),
    vendors: vendorConfigs((vendor) => vendorConfig(read, env, vendor)),
  };
  if (accounts === null || read.problems.length) throw new ConfigError(read.problems);
  return deepFreeze({ ...config, accounts });
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
 * credentials and endpoints (settings set in the environment win over the endpoints); a vendor
 * with a configured URL talks to that URL instead.
 */
export function withSimulators(config: Config, simulators: SimulatorWiring): Config {
  const vendors = vendorConfigs((vendor) => {
    const key = vendorKey(vendor);
    const url = simulators.urls[key];
    const own = config.vendors[vendor];
    if (own.baseUrl || !url) return own;
    const settings = { ...upperKeys(simulators.endpoints?.[key] ?? {}), ...own.settings };
    const { options, problems } = parseVendorOptions(vendor, settings);
    if (problems.length) throw new ConfigError(problems);
    return { ...own, baseUrl: url, credentials: upperKeys(simulators.credentials[key] ?? {}), settings, options };
  });
  return deepFreeze({ ...config, vendors });
}

function upperKeys(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key.toUpperCase(), value]));
}

/** One config per vendor, each built for its own vendor (TypeScript cannot follow the key through `map`). */
function vendorConfigs(make: (vendor: Vendor) => VendorConfig): VendorConfigs {
  return Object.fromEntries(VENDORS.map((vendor) => [vendor, make(vendor)])) as VendorConfigs;
}

function vendorConfig(read: SettingsReader, env: Env, vendor: Vendor): VendorConfig {
  const baseUrl = read.url(`${vendor}_BASE_URL`, ['http:', 'https:'], 'an http(s) URL');
  // Every other `<VENDOR>_<KEY>` variable: the vendor's options schema picks and checks its own,
  // its auth reads its credentials (its folder documents both).
  const settings = Object.fromEntries(
    Object.entries(env)
      .filter(([name, value]) => name.startsWith(`${vendor}_`) && value && !['BASE_URL', 'TOKEN'].includes(name.slice(vendor.length + 1)))
      .map(([name, value]) => [name.slice(vendor.length + 1), value as string]),
  );
  const { options, problems } = parseVendorOptions(vendor, settings);
  read.refused(problems);
  return {
    vendor,
    baseUrl: baseUrl?.replace(/\/+$/, '') ?? null,
    token: env[`${vendor}_TOKEN`] || null,
    credentials: settings,
    options,
    settings,
  };
}

function authConfig(read: SettingsReader, env: Env, production: boolean): AuthConfig {
  const apiKeyHashes = (env.GATEWAY_API_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((key) => {
      if (!key.startsWith('sha256:')) return createHash('sha256').update(key).digest('hex');
      const hex = key.slice('sha256:'.length).toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hex)) read.refused(['GATEWAY_API_KEYS entries must be keys or sha256:<64 hex digits>, but got a malformed sha256 entry']);
      return hex;
    });
  const allowAnonymous = read.bool('GATEWAY_ALLOW_ANONYMOUS', null);
  return {
    apiKeyHashes,
    jwtSecret: env.GATEWAY_JWT_SECRET || null,
    jwksUrl: read.url('GATEWAY_JWKS_URL', ['https:', 'http:']),
    jwtIssuer: env.GATEWAY_JWT_ISSUER || null,
    jwtAudience: env.GATEWAY_JWT_AUDIENCE || null,
    allowAnonymous: allowAnonymous ?? !production,
    anonymousSaidExplicitly: allowAnonymous === true,
  };
}

/**
 * Refuses configurations that would expose the gateway open: anonymous callers on a
 * non-loopback address, or in production, need GATEWAY_ALLOW_ANONYMOUS=true said explicitly.
 */
export function assertSafeToServe(config: Config): void {
  const { auth } = config;
  const hasAuth = auth.apiKeyHashes.length > 0 || auth.jwtSecret !== null || auth.jwksUrl !== null;
  if (hasAuth || !auth.allowAnonymous) {
    if (!hasAuth) throw new ConfigError('GATEWAY_ALLOW_ANONYMOUS=false needs GATEWAY_API_KEYS, GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL');
    return;
  }
  if (config.production && !auth.anonymousSaidExplicitly) {
    throw new ConfigError('Refusing to serve production without caller auth: set GATEWAY_API_KEYS, GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL, or GATEWAY_ALLOW_ANONYMOUS=true');
  }
  if (!isLoopback(config.host) && !auth.anonymousSaidExplicitly) {
    throw new ConfigError(`Refusing to serve anonymous callers on ${config.host}: configure caller auth or set GATEWAY_ALLOW_ANONYMOUS=true`);
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * Reads settings by name through the shared rules (src/vendors/option-fields.ts). A refused
 * value is noted in `problems` and its fallback used, so reading goes on and every problem of
 * one start is reported together.
 */
class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  int(name: string, fallback: number, min: number, max: number): number {
    return this.read(name, wholeNumber(min, max), fallback);
  }

  bool<F extends boolean | null>(name: string, fallback: F): boolean | F {
    return this.read(name, flag(), fallback);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    return this.read(name, oneOfRule(allowed), fallback);
  }

  /** A URL of one of `protocols`, or null when unset. */
  url(name: string, protocols: readonly string[], spelled?: string): string | null {
    return this.read(name, urlOf(protocols, spelled), null);
  }

  /** The value `build` answers, or null with its `ConfigError`'s problems noted. */
  settle<T>(build: () => T): T | null {
    try {
      return build();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.refused(error.problems);
      return null;
    }
  }

  refused(problems: readonly string[]): void {
    this.problems.push(...problems);
  }

  private read<T, F>(name: string, rule: SettingRule<T>, fallback: F): T | F {
    const { value, problem } = readSetting(name, this.env[name], rule, fallback);
    if (problem !== null) this.refused([problem]);
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
