import { createHash } from 'node:crypto';
import { DEMO_CALLER_KEYS, withDemoCallers } from '../../src/accounts/demo-callers';
import { loadConfig } from '../../src/config';

/** The demo's two caller keys are accepted only in the demo, and only when no caller auth is configured. */
it('adds the demo caller keys to an open demo, and to nothing else', () => {
  const digest = (key: string) => createHash('sha256').update(key).digest('hex');
  expect(withDemoCallers(loadConfig({ NODE_ENV: 'development' })).auth.apiKeyHashes).toEqual(DEMO_CALLER_KEYS.map(digest));
  expect(withDemoCallers(loadConfig({ NODE_ENV: 'development' })).auth.allowAnonymous).toBe(true);
  expect(withDemoCallers(loadConfig({ NODE_ENV: 'development', GATEWAY_API_KEYS: 'mine' })).auth.apiKeyHashes).toEqual([digest('mine')]);
  expect(withDemoCallers(loadConfig({ NODE_ENV: 'development', DEMO: 'false' })).auth.apiKeyHashes).toEqual([]);
});
