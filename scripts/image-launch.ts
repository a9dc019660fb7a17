import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A command line: what `spawn` takes. */
export interface Command {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** How to start a built image and look into it, on a container engine or without one. */
export interface ImageLaunch {
  /** Starts the image's entrypoint and CMD as its user, with `env` added to the image's ENV. */
  start(env: Record<string, string>): Command;
  /** Runs the image's HEALTHCHECK test as the engine would: the image's user, ENV and WORKDIR. */
  healthcheck(env: Record<string, string>): Command;
  /** The real uid of the started server process (`pid` is the one `start` spawned). */
  serverUid(pid: number): Promise<number>;
}

/** The parts of an image's config (`podman image inspect`, `docker image inspect`) we use. */
export interface ImageConfig {
  Env?: string[] | null;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Healthcheck?: { Test?: string[] } | null;
}

/**
 * The config from `podman image inspect` or `docker image inspect` output (an array of one).
 * Docker keeps the healthcheck in `Config`; podman reports it beside `Config`.
 */
export function imageConfig(inspect: unknown): ImageConfig {
  const [image] = inspect as { Config?: ImageConfig; Healthcheck?: ImageConfig['Healthcheck'] }[];
  if (!image?.Config) throw new Error('image inspect output must be an array with one image and its Config');
  return { ...image.Config, Healthcheck: image.Config.Healthcheck ?? image.Healthcheck ?? null };
}

/**
 * Starts an image's root filesystem with `chroot` where no engine can run containers (`podman
 * run` is refused in this sandbox): the image's ENV, WORKDIR, USER, ENTRYPOINT and CMD, the way
 * an engine would apply them. The caller mounts /proc and provides /dev and /etc/hosts.
 */
export function chrootLaunch(rootfs: string, config: ImageConfig): ImageLaunch {
  const user = resolveUser(rootfs, config.User || 'root');
  const imageEnv = envRecord(config.Env ?? []);
  // Engines set HOME from the user's passwd entry when the image does not.
  imageEnv.HOME ??= user.home;
  const workdir = config.WorkingDir || '/';
  const inRoot = (argv: string[], env: Record<string, string>): Command => ({
    command: 'chroot',
    // sh is the one thing the image must have beyond its CMD: chroot always starts in `/`.
    args: [`--userspec=${user.uid}:${user.gid}`, `--groups=${user.gid}`, rootfs, '/bin/sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', workdir, ...argv],
    env: { ...imageEnv, ...env },
  });
  return {
    start: (env) => inRoot([...(config.Entrypoint ?? []), ...(config.Cmd ?? [])], env),
    healthcheck: (env) => inRoot(healthcheckArgv(config), env),
    serverUid: async (pid) => procStatusUid(readFileSync(`/proc/${pid}/status`, 'utf8')),
  };
}

/** Runs the image on a Docker engine, publishing `PORT` on loopback. */
export function dockerLaunch(image: string, name: string, config: ImageConfig): ImageLaunch {
  return {
    start: (env) => ({
      command: 'docker',
      args: [
        'run', '--rm', '--name', name, '--publish', `127.0.0.1:${env.PORT}:${env.PORT}`,
        ...Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
        image,
      ],
    }),
    healthcheck: () => ({ command: 'docker', args: ['exec', name, ...healthcheckArgv(config)] }),
    // The server is the container's pid 1 (exec-form CMD, no init).
    serverUid: async () => procStatusUid((await run('docker', ['exec', name, 'cat', '/proc/1/status'])).stdout),
  };
}

// Private:

function healthcheckArgv(config: ImageConfig): string[] {
  const [kind, ...rest] = config.Healthcheck?.Test ?? [];
  if (kind === 'CMD-SHELL') return ['/bin/sh', '-c', rest.join(' ')];
  if (kind === 'CMD') return rest;
  throw new Error(`the image must declare a HEALTHCHECK with CMD or CMD-SHELL, but has: ${JSON.stringify(config.Healthcheck ?? null)}`);
}

function envRecord(env: string[]): Record<string, string> {
  return Object.fromEntries(env.map((entry) => {
    const at = entry.indexOf('=');
    return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
  }));
}

/** `USER` as name or uid, with an optional group, looked up in the image's own passwd and group. */
function resolveUser(rootfs: string, spec: string): { uid: number; gid: number; home: string } {
  const [userPart = 'root', groupPart] = spec.split(':');
  const passwd = table(join(rootfs, 'etc/passwd'));
  const entry = passwd.find((row) => row[0] === userPart || row[2] === userPart);
  const uid = entry ? Number(entry[2]) : Number(userPart);
  if (!Number.isInteger(uid)) throw new Error(`USER ${spec}: no user ${userPart} in the image's /etc/passwd`);
  let gid = entry ? Number(entry[3]) : uid;
  if (groupPart !== undefined) {
    const group = table(join(rootfs, 'etc/group')).find((row) => row[0] === groupPart || row[2] === groupPart);
    gid = group ? Number(group[2]) : Number(groupPart);
    if (!Number.isInteger(gid)) throw new Error(`USER ${spec}: no group ${groupPart} in the image's /etc/group`);
  }
  return { uid, gid, home: entry?.[5] || '/' };
}

function table(path: string): string[][] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => line.split(':'));
}

function procStatusUid(status: string): number {
  const match = /^Uid:\s+(\d+)/m.exec(status);
  if (!match) throw new Error('no Uid line in /proc/<pid>/status');
  return Number(match[1]);
}
