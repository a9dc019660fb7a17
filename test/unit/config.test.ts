import { ConfigError, loadConfig, withSimulators } from '../../src/config';

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
});
