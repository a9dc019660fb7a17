import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chrootLaunch, dockerLaunch, imageConfig } from '../../scripts/image-launch';

/** What `podman image inspect` prints for our image (docker format), cut to the fields read. */
const podmanInspect = [{
  Config: {
    User: 'node',
    Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'NODE_ENV=production', 'PORT=4000', 'EMPTY='],
    Cmd: ['node', 'dist/src/main.js'],
    WorkingDir: '/app',
  },
  Healthcheck: { Test: ['CMD-SHELL', 'node -e "process.exit(0)"'] },
}];

describe('image launch', () => {
  let rootfs: string;
  beforeAll(() => {
    rootfs = mkdtempSync(join(tmpdir(), 'image-launch-'));
    mkdirSync(join(rootfs, 'etc'));
    writeFileSync(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\nnode:x:1000:1000::/home/node:/bin/bash\n');
    writeFileSync(join(rootfs, 'etc/group'), 'root:x:0:\nnode:x:1000:\nstaff:x:50:\n');
  });
  afterAll(() => rmSync(rootfs, { recursive: true, force: true }));

  it('starts CMD as the image user, in WORKDIR, with the image ENV, HOME from passwd and the added settings', () => {
    const start = chrootLaunch(rootfs, imageConfig(podmanInspect)).start({ PORT: '5555', DEMO: 'true' });
    expect(start.command).toBe('chroot');
    expect(start.args).toEqual([
      '--userspec=1000:1000', '--groups=1000', rootfs,
      '/bin/sh', '-c', 'cd "$1" && shift && exec "$@"', 'sh', '/app', 'node', 'dist/src/main.js',
    ]);
    expect(start.env).toEqual({
      PATH: '/usr/local/bin:/usr/bin:/bin', NODE_ENV: 'production', PORT: '5555', EMPTY: '', HOME: '/home/node', DEMO: 'true',
    });
  });

  it('runs the HEALTHCHECK test through the shell the way an engine runs CMD-SHELL', () => {
    const check = chrootLaunch(rootfs, imageConfig(podmanInspect)).healthcheck({ PORT: '5555' });
    expect(check.args.slice(-3)).toEqual(['/bin/sh', '-c', 'node -e "process.exit(0)"']);
    expect(check.env?.PORT).toBe('5555');
  });

  it('reads the healthcheck where docker keeps it, and resolves user:group given as names or ids', () => {
    const config = imageConfig([{ Config: { User: '1000:staff', Healthcheck: { Test: ['CMD', 'true'] } } }]);
    const launch = chrootLaunch(rootfs, config);
    expect(launch.start({}).args.slice(0, 2)).toEqual(['--userspec=1000:50', '--groups=50']);
    expect(launch.healthcheck({}).args.slice(-1)).toEqual(['true']);
    expect(launch.start({}).args.slice(-1)).toEqual(['/']);
  });

  it('refuses an image without a healthcheck or a user it cannot find', () => {
    expect(() => chrootLaunch(rootfs, imageConfig([{ Config: {} }])).healthcheck({})).toThrow(/must declare a HEALTHCHECK/);
    expect(() => chrootLaunch(rootfs, { User: 'nobody' })).toThrow('USER nobody: no user nobody in the image\'s /etc/passwd');
    expect(() => imageConfig([])).toThrow(/array with one image/);
  });

  it('runs on a Docker engine with the settings as --env and the port published on loopback', () => {
    const launch = dockerLaunch('tributary:ci', 'check-1', imageConfig(podmanInspect));
    expect(launch.start({ PORT: '5555' }).args).toEqual(
      ['run', '--rm', '--name', 'check-1', '--publish', '127.0.0.1:5555:5555', '--env', 'PORT=5555', 'tributary:ci'],
    );
    expect(launch.healthcheck({}).args).toEqual(['exec', 'check-1', '/bin/sh', '-c', 'node -e "process.exit(0)"']);
  });
});
