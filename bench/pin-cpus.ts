import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Gives the gateway a core of its own: the gateway's process on the last CPU, the load client
 * and the simulators on the others. Otherwise, on a small machine, the client and the vendor
 * floor take the gateway's CPU at exactly the moment load doubles, and the gateway's
 * shedding answers the client's appetite, not its own load. Needs `taskset` (util-linux) and
 * two CPUs; returns what it did, for the report.
 */
export function pinGateway(gateway: number, others: number[]): string {
  const last = cpus().length - 1;
  if (last < 1) return 'not pinned (one CPU)';
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(last), String(gateway)], { stdio: 'ignore' });
    for (const pid of others) execFileSync('taskset', ['-a', '-p', '-c', last === 1 ? '0' : `0-${last - 1}`, String(pid)], { stdio: 'ignore' });
    return `gateway pinned to CPU ${last}, client and simulators to the rest`;
  } catch {
    return 'not pinned (taskset failed)';
  }
}
