import { createHash } from 'node:crypto';
import type { Config } from '../config';

/**
 * The demo's two caller keys: anonymous callers cannot link accounts, so the demo accepts these
 * (beside anonymous callers) to show two callers with links of their own. Only when the demo
 * runs and no caller auth is configured; printed in the README, never secret.
 */
export const DEMO_CALLER_KEYS = Object.freeze(['demo-caller-1', 'demo-caller-2'] as const);

export function withDemoCallers(config: Config): Config {
  const { auth } = config;
  if (!config.demo || auth.apiKeyHashes.length || auth.jwtSecret || auth.jwksUrl || !auth.allowAnonymous) return config;
  const apiKeyHashes = DEMO_CALLER_KEYS.map((key) => createHash('sha256').update(key).digest('hex'));
  return Object.freeze({ ...config, auth: Object.freeze({ ...auth, apiKeyHashes: Object.freeze(apiKeyHashes) }) });
}
