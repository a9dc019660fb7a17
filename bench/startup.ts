import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Cold start to ready and idle memory: the demo (gateway + simulators) started as `npm start`
 * does, from the compiled build, timed until it answers `/readyz`; RSS read a moment later.
 */
export async function measureStartup(): Promise<{ coldStartMs: number; idleRssMb: number } | { error: string }> {
  const root = join(__dirname, '..');
  const build = await run('npx', ['tsc', '-p', 'tsconfig.build.json'], root);
  if (build !== 0) return { error: 'build failed' };
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: root, env: { ...process.env, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ready line within 30 s')), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /Tributary GraphQL at (http:\/\/\S+)\/graphql/.exec(chunk.toString());
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const ready = await fetch(`${url}/readyz`);
    const coldStartMs = Math.round(performance.now() - started);
    if (!ready.ok) return { error: `readyz answered ${ready.status}` };
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssKb = Number((await import('node:fs')).readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    return { coldStartMs, idleRssMb: Math.round(rssKb / 1024) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    child.kill('SIGTERM');
  }
}

function run(command: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve) => spawn(command, args, { cwd, stdio: 'ignore' }).on('exit', (code) => resolve(code ?? 1)));
}
