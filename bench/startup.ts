import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Cold start to ready and idle memory: the demo (gateway + simulators) started as `npm start`
 * does, from the compiled build, timed until it answers `/readyz`; RSS read a moment later.
 */
export type StartupSample = { coldStartMs: number; idleRssMb: number } | { error: string };

/**
 * Builds once, then starts the demo `runs` times (default 3): one start on a shared machine is
 * noise, the median of a few is the figure.
 */
export async function measureStartup(runs = 3): Promise<{ coldStartMs: number; idleRssMb: number; samples: StartupSample[] } | { error: string }> {
  const build = await run('npx', ['tsc', '-p', 'tsconfig.build.json'], join(__dirname, '..'));
  if (build !== 0) return { error: 'build failed' };
  const samples: StartupSample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await startOnce());
  const ok = samples.filter((s): s is { coldStartMs: number; idleRssMb: number } => !('error' in s));
  if (ok.length === 0) return { error: samples.map((s) => ('error' in s ? s.error : '')).join('; ') };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { coldStartMs: median(ok.map((s) => s.coldStartMs)), idleRssMb: median(ok.map((s) => s.idleRssMb)), samples };
}

async function startOnce(): Promise<StartupSample> {
  const root = join(__dirname, '..');
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
    // Gone before the next start, so starts never overlap.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
}

function run(command: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve) => spawn(command, args, { cwd, stdio: 'ignore' }).on('exit', (code) => resolve(code ?? 1)));
}
