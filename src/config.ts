import { VENDORS, vendorKey, type Vendor } from './core/vendor';

/** How a vendor is reached and which credential the gateway uses when a caller brings none. */
export interface VendorConfig {
  vendor: Vendor;
  /** Base URL; null means "not configured" (the demo points it at the embedded simulator). */
  baseUrl: string | null;
  /** Static token (IOTAAP_TOKEN, …) used as is. */
  token: string | null;
  /** Credential-flow inputs (email/password, client id/secret, …) by their env suffix. */
  credentials: Readonly<Record<string, string>>;
  /** Vendor-specific settings (auth scheme, …) by their env suffix. */
  options: Readonly<Record<string, string>>;
}

export interface Config {
  nodeEnv: string;
  production: boolean;
  /** Start the embedded simulators for every vendor without a configured URL. */
  demo: boolean;
  host: string;
  port: number;
  logLevel: string;
  debugErrors: boolean;
  introspection: boolean;
  sandbox: boolean;
  vendorTimeoutMs: number;
  vendorRetries: number;
  vendorConcurrency: number;
  maxPageSize: number;
  defaultPageSize: number;
  bodyLimitBytes: number;
  simFaults: string;
  /** Redis for scale-out (pub/sub, shared cache, poller leases); null runs in memory. */
  redisUrl: string | null;
  /** MQTT broker for vendors that stream over MQTT (Mainflux) and for the demo simulators. */
  mqttUrl: string | null;
  vendors: Readonly<Record<Vendor, VendorConfig>>;
}

/**
 * Env suffixes each vendor reads besides `<VENDOR>_BASE_URL` and `<VENDOR>_TOKEN`.
 * Credentials are secrets; options are not.
 */
const VENDOR_CREDENTIAL_KEYS: Record<Vendor, readonly string[]> = {
  IGTIMI: ['CLIENT_ID', 'CLIENT_SECRET', 'ACCESS_TOKEN'],
  IOTAAP: ['EMAIL', 'PASSWORD'],
  MAINFLUX: ['EMAIL', 'PASSWORD'],
  TIMETONIC: ['APPNAME', 'LOGIN', 'PASSWORD', 'OU', 'SESSKEY'],
  THINGSEE: ['CLIENT_ID', 'CLIENT_SECRET'],
};
const VENDOR_OPTION_KEYS: Record<Vendor, readonly string[]> = {
  IGTIMI: [],
  IOTAAP: ['AUTH_SCHEME'],
  MAINFLUX: [],
  TIMETONIC: [],
  THINGSEE: [],
};

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
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: int(env, 'PORT', 4000, 0, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    debugErrors: bool(env, 'DEBUG_ERRORS', false),
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', !production),
    sandbox: bool(env, 'GRAPHQL_SANDBOX', !production),
    vendorTimeoutMs: int(env, 'VENDOR_TIMEOUT_MS', 10000, 1, 600000),
    vendorRetries: int(env, 'VENDOR_RETRIES', 2, 0, 10),
    vendorConcurrency: int(env, 'VENDOR_CONCURRENCY', 16, 1, 1024),
    maxPageSize,
    defaultPageSize: int(env, 'DEFAULT_PAGE_SIZE', Math.min(20, maxPageSize), 1, maxPageSize),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    simFaults: env.SIM_FAULTS ?? '',
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    mqttUrl: url(env, 'MQTT_URL', ['mqtt:', 'mqtts:', 'ws:', 'wss:']),
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
  const pick = (keys: readonly string[]) =>
    Object.fromEntries(keys.filter((k) => env[`${vendor}_${k}`]).map((k) => [k, env[`${vendor}_${k}`] as string]));
  return {
    vendor,
    baseUrl: baseUrl?.replace(/\/+$/, '') ?? null,
    token: env[`${vendor}_TOKEN`] || null,
    credentials: pick(VENDOR_CREDENTIAL_KEYS[vendor]),
    options: pick(VENDOR_OPTION_KEYS[vendor]),
  };
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
