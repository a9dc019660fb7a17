import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { flag as trueOrFalse, readSetting } from '../vendors/option-fields';
import { parseCredentialsKey } from './credential-cipher';

/** Callers' own vendor accounts (docs/accounts.md). */
export interface AccountsConfig {
  /** `ACCOUNTS_ENABLED`: the link mutations and the store (default on, in production only with a key). */
  enabled: boolean;
  /** `DATABASE_URL`: PostgreSQL; null uses the embedded PGlite. */
  databaseUrl: string | null;
  /** `ACCOUNTS_DATA_DIR`: PGlite's directory; null keeps links in memory (gone on restart). */
  dataDir: string | null;
  /**
   * Base64 keys: `CREDENTIALS_KEY` / `CREDENTIALS_KEY_FILE` first (seals), then
   * `CREDENTIALS_PREVIOUS_KEYS` (open only). Text, not Buffers: the config is deep-frozen.
   */
  keys: readonly string[];
  /** No key was configured: a random one lives as long as the process (demo and tests only). */
  ephemeralKey: boolean;
  /** `ACCOUNTS_FALLBACK_TO_GATEWAY`: a caller without a link uses the gateway's own credential. */
  fallbackToGateway: boolean;
  /** `ACCOUNTS_PUBLIC_URL`: the gateway's origin as browsers reach it (OAuth2 callbacks); null uses the address it listens on. */
  publicUrl: string | null;
  /** `ACCOUNTS_RETURN_URL`: where the browser goes after an OAuth2 link; null answers a small page. */
  returnUrl: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses the accounts settings (called by `loadConfig`; reads no `process.env` itself).
 * Production with links enabled and no key is refused: a random key would make every stored
 * link unreadable after a restart, and silently so.
 */
export function accountsConfig(env: Env, production: boolean, fail: (message: string) => Error): AccountsConfig {
  const keys: Buffer[] = [];
  try {
    if (env.CREDENTIALS_KEY) keys.push(parseCredentialsKey(env.CREDENTIALS_KEY, 'CREDENTIALS_KEY'));
    else if (env.CREDENTIALS_KEY_FILE) keys.push(parseCredentialsKey(readFileSync(env.CREDENTIALS_KEY_FILE, 'utf8'), `CREDENTIALS_KEY_FILE (${env.CREDENTIALS_KEY_FILE})`));
    for (const old of (env.CREDENTIALS_PREVIOUS_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean)) {
      keys.push(parseCredentialsKey(old, 'CREDENTIALS_PREVIOUS_KEYS entries'));
    }
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
  if (keys.length && !(env.CREDENTIALS_KEY || env.CREDENTIALS_KEY_FILE)) {
    throw fail('CREDENTIALS_PREVIOUS_KEYS needs CREDENTIALS_KEY or CREDENTIALS_KEY_FILE (the key that seals new rows)');
  }
  const ephemeralKey = keys.length === 0;
  // On by default wherever it can be safely: everywhere but production, and there with a key.
  const enabled = flag(env.ACCOUNTS_ENABLED, !production || !ephemeralKey, 'ACCOUNTS_ENABLED', fail);
  if (enabled && ephemeralKey && production) {
    throw fail('Refusing to store vendor links in production without a key: set CREDENTIALS_KEY (base64 of 32 bytes) or CREDENTIALS_KEY_FILE, or ACCOUNTS_ENABLED=false');
  }
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw fail('DATABASE_URL must be a postgres:// or postgresql:// URL');
  return {
    enabled,
    databaseUrl,
    dataDir: env.ACCOUNTS_DATA_DIR || null,
    keys: (ephemeralKey ? [randomBytes(32)] : keys).map((key) => key.toString('base64')),
    ephemeralKey,
    fallbackToGateway: flag(env.ACCOUNTS_FALLBACK_TO_GATEWAY, true, 'ACCOUNTS_FALLBACK_TO_GATEWAY', fail),
    publicUrl: httpUrl(env.ACCOUNTS_PUBLIC_URL, 'ACCOUNTS_PUBLIC_URL', fail),
    returnUrl: httpUrl(env.ACCOUNTS_RETURN_URL, 'ACCOUNTS_RETURN_URL', fail),
  };
}

function httpUrl(text: string | undefined, name: string, fail: (message: string) => Error): string | null {
  if (!text) return null;
  if (!/^https?:\/\/[^\s/]+/.test(text)) throw fail(`${name} must be an http(s) URL, but got: ${text}`);
  return text;
}

function flag(text: string | undefined, fallback: boolean, name: string, fail: (message: string) => Error): boolean {
  const { value, problem } = readSetting(name, text, trueOrFalse(), fallback);
  if (problem !== null) throw fail(problem);
  return value;
}
