import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Reads `.env` from the working directory into `process.env` before `loadConfig` runs, if the
 * file exists. Node's `process.loadEnvFile` never overwrites a variable already in the
 * environment (even an empty one), so what the shell or the orchestrator sets wins over the file.
 * Returns the file read, or null.
 */
export function loadEnvFile(cwd: string = process.cwd()): string | null {
  const path = resolve(cwd, '.env');
  if (!existsSync(path)) return null;
  process.loadEnvFile(path);
  return path;
}
