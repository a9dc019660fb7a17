import { ConfigError, assertSafeToServe, loadConfig, withSimulators } from '../../src/config';

describe('loadConfig', () => {
  it('defaults to the demo on loopback port 4000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ demo: true, host: '127.0.0.1', port: 4000, maxPageSize: 100, production: false });
    expect(config.vendors.IOTAAP.baseUrl).toBeNull();
    expect(Object.isFrozen(config.vendors.IOTAAP)).toBe(true);
  });

  it('turns the demo, Sandbox and introspection off in production and binds all interfaces', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ demo: false, explorer: 'off', introspection: false, host: '0.0.0.0' });
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be a whole number from 0 to 65535, but got: eighty'],
    ['IOTAAP_BASE_URL', 'ftp://x', 'IOTAAP_BASE_URL must be an http(s) URL, but got: ftp://x'],
    ['DEMO', 'maybe', 'DEMO must be true or false, but got: maybe'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, but got: loud'],
    ['REDIS_URL', 'http://x', 'REDIS_URL must be a redis/rediss URL, but got: http://x'],
    // Each vendor's options schema (src/vendors/<v>/<v>.options.ts), checked by loadConfig.
    ['IGTIMI_LIVE_OFFLINE_MS', 'soon', 'IGTIMI_LIVE_OFFLINE_MS must be a whole number of milliseconds from 100 to 86400000, but got: soon'],
    ['IGTIMI_WS_HOSTS', 'wss://live.igtimi.com', 'IGTIMI_WS_HOSTS must be a comma-separated list of host names (no scheme, no port), but got: wss://live.igtimi.com'],
    ['IGTIMI_LIST_CACHE_MS', '1.5', 'IGTIMI_LIST_CACHE_MS must be a whole number of milliseconds ≥ 0, but got: 1.5'],
    ['IOTAAP_AUTH_SCHEME', 'Bear er', 'IOTAAP_AUTH_SCHEME must be one word, as an HTTP auth scheme (e.g. Bearer), but got: Bear er'],
    ['MAINFLUX_POLL_INTERVAL_MS', '10', 'MAINFLUX_POLL_INTERVAL_MS must be a whole number of milliseconds from 50 to 600000, but got: 10'],
    ['MAINFLUX_MQTT_URL', 'http://broker', 'MAINFLUX_MQTT_URL must be a mqtt/mqtts/ws/wss URL, but got: http://broker'],
    ['TIMETONIC_POLL_INTERVAL_MS', 'fast', 'TIMETONIC_POLL_INTERVAL_MS must be a whole number of milliseconds from 50 to 3600000, but got: fast'],
    ['TIMETONIC_WS_URL', 'http://x', 'TIMETONIC_WS_URL must be a ws(s) URL, but got: http://x'],
    ['THINGSEE_ALERT_POLL_INTERVAL_MS', '0', 'THINGSEE_ALERT_POLL_INTERVAL_MS must be a whole number of milliseconds from 50 to 3600000, but got: 0'],
    ['THINGSEE_LIST_CACHE_MS', '-1', 'THINGSEE_LIST_CACHE_MS must be a whole number of milliseconds ≥ 0, but got: -1'],
  ])('explains a bad %s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(message));
  });

  it('reads vendor credentials and points only unconfigured vendors at the simulators', () => {
    const config = loadConfig({ IOTAAP_EMAIL: 'a@b.c', IOTAAP_PASSWORD: 'pw', IOTAAP_BASE_URL: 'https://api.iotaap.io/v1/' });
    expect(config.vendors.IOTAAP).toMatchObject({ baseUrl: 'https://api.iotaap.io/v1', credentials: { EMAIL: 'a@b.c', PASSWORD: 'pw' } });
    const wired = withSimulators(config, { urls: { iotaap: 'http://127.0.0.1:1/v1' }, credentials: { iotaap: { email: 'x', password: 'y' } } });
    expect(wired.vendors.IOTAAP.baseUrl).toBe('https://api.iotaap.io/v1');
    const demo = withSimulators(loadConfig({}), { urls: { iotaap: 'http://127.0.0.1:1/v1' }, credentials: { iotaap: { email: 'x', password: 'y' } } });
    expect(demo.vendors.IOTAAP).toMatchObject({ baseUrl: 'http://127.0.0.1:1/v1', credentials: { EMAIL: 'x', PASSWORD: 'y' } });
  });

  it('refuses values the vendors used to replace silently by their defaults', () => {
    // IGTIMI_LIVE_OFFLINE_MS=0 and a TIMETONIC_POLL_INTERVAL_MS below 50 once fell back quietly.
    expect(problemsOf({ IGTIMI_LIVE_OFFLINE_MS: '0', TIMETONIC_POLL_INTERVAL_MS: '10' })).toEqual([
      'IGTIMI_LIVE_OFFLINE_MS must be a whole number of milliseconds from 100 to 86400000, but got: 0',
      'TIMETONIC_POLL_INTERVAL_MS must be a whole number of milliseconds from 50 to 3600000, but got: 10',
    ]);
  });

  it('reports every bad value of one start, one line each', () => {
    const error = thrownBy({ PORT: 'eighty', GATEWAY_ALLOW_ANONYMOUS: 'perhaps', MAINFLUX_POLL_INTERVAL_MS: 'x', THINGSEE_POLL_INTERVAL_MS: '1e9' });
    expect(error.problems).toEqual([
      'PORT must be a whole number from 0 to 65535, but got: eighty',
      'GATEWAY_ALLOW_ANONYMOUS must be true or false, but got: perhaps',
      'MAINFLUX_POLL_INTERVAL_MS must be a whole number of milliseconds from 50 to 600000, but got: x',
      'THINGSEE_POLL_INTERVAL_MS must be a whole number of milliseconds from 50 to 3600000, but got: 1e9',
    ]);
    expect(error.message).toBe(error.problems.join('\n'));
  });

  it('hands each vendor its own options, parsed, with the defaults for what is unset', () => {
    const config = loadConfig({ IGTIMI_WS_HOSTS: 'a.example, b.example,', THINGSEE_POLL_INTERVAL_MS: '100', MAINFLUX_MQTT_URL: 'mqtts://broker:8883' });
    expect(config.vendors.IGTIMI.options).toEqual({ WS_HOSTS: ['a.example', 'b.example'], LIVE_OFFLINE_MS: 30_000, LIST_CACHE_MS: 5_000 });
    expect(config.vendors.IOTAAP.options).toEqual({ AUTH_SCHEME: 'Bearer' });
    expect(config.vendors.MAINFLUX.options).toEqual({ MQTT_URL: 'mqtts://broker:8883', MQTT_TOPIC_PREFIX: '', POLL_INTERVAL_MS: 5_000 });
    expect(config.vendors.TIMETONIC.options).toEqual({ POLL_INTERVAL_MS: 5_000, WS_URL: null });
    expect(config.vendors.THINGSEE.options).toEqual({ POLL_INTERVAL_MS: 100, ALERT_POLL_INTERVAL_MS: 5_000, LIST_CACHE_MS: 30_000 });
    expect(Object.isFrozen(config.vendors.IGTIMI.options.WS_HOSTS)).toBe(true);
  });

  it('parses the simulators\' endpoints into the options of the vendors they serve; the environment wins', () => {
    const wiring = { urls: { timetonic: 'http://127.0.0.1:1/live' }, credentials: {}, endpoints: { timetonic: { ws_url: 'ws://127.0.0.1:1/socket' } } };
    expect(withSimulators(loadConfig({}), wiring).vendors.TIMETONIC.options).toEqual({ POLL_INTERVAL_MS: 5_000, WS_URL: 'ws://127.0.0.1:1/socket' });
    const own = withSimulators(loadConfig({ TIMETONIC_WS_URL: 'wss://own.example/socket' }), wiring);
    expect(own.vendors.TIMETONIC.options.WS_URL).toBe('wss://own.example/socket');
    expect(own.vendors.TIMETONIC.settings).toEqual({ WS_URL: 'wss://own.example/socket' });
  });
});

describe('assertSafeToServe', () => {
  it('reads the opt-in to anonymous callers from the parsed config, in any spelling of true', () => {
    expect(() => assertSafeToServe(loadConfig({ HOST: '0.0.0.0' }))).toThrow(/Refusing to serve anonymous callers on 0.0.0.0/);
    expect(() => assertSafeToServe(loadConfig({ HOST: '0.0.0.0', GATEWAY_ALLOW_ANONYMOUS: 'yes' }))).not.toThrow();
    expect(() => assertSafeToServe(loadConfig({ NODE_ENV: 'production', GATEWAY_ALLOW_ANONYMOUS: 'TRUE' }))).not.toThrow();
  });
});

type Env = Record<string, string>;

function thrownBy(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

function problemsOf(env: Env): readonly string[] {
  return thrownBy(env).problems;
}
