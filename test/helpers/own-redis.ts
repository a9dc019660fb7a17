import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from '../../scripts/free-port';
import { leaveOver } from './leftovers';
import { waitFor } from './wait-for';

/** A redis-server this test owns: killed and restarted by PID, never the machine's service. */
export interface OwnRedis {
  url: string;
  readonly pid: number;
  /** SIGKILL: an outage as abrupt as a crash, nothing flushed. */
  kill(): Promise<void>;
  /** A fresh, empty server on the same port. */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open but nothing answers (a hung Redis). */
  pause(): void;
  resume(): void;
}

/**
 * Starts `redis-server` on a free loopback port with no persistence (`--save '' --appendonly
 * no`), registered for disposal. Fails, never skips, when the binary is missing.
 */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const launch = async () => {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const failed = new Promise<never>((_, reject) => started.once('error', (error) => reject(new Error(`redis-server could not start (${error.message}); install it (apt-get install redis-server)`))));
    child = started;
    await Promise.race([failed, waitFor(`redis-server on port ${port}`, () => accepts(port), 10_000)]);
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await launch();
  leaveOver(kill);
  return {
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child?.pid ?? -1;
    },
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  };
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
