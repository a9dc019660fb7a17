import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DevicesDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { waitFor } from '../helpers/wait-for';

/**
 * The demo process on SIGTERM: the server drains first and the embedded simulators stop only
 * after it, so a read in flight gets its vendor's answer instead of VENDOR_UNAVAILABLE.
 */
afterAll(disposeLeftovers);

const root = join(__dirname, '..', '..');

it('answers the read in flight before the demo simulators stop, then exits 0', async () => {
  const child = spawn(process.execPath, ['-r', './scripts/register-swc.js', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'development', PORT: '0', LOG_LEVEL: 'silent', DRAIN_GRACE_MS: '0', SHED_EVENT_LOOP_DELAY_MS: '0', SIM_FAULTS: 'iotaap=latency:1500' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  leaveOver(() => child.exitCode === null && child.kill('SIGKILL'));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor('the demo to start', () => /Tributary GraphQL at (\S+)/.test(output), 60_000);
  const url = /Tributary GraphQL at (\S+)/.exec(output)![1]!;
  const origin = url.replace(/\/graphql$/, '');

  const inFlight = gql(url, DevicesDocument, { first: 2, filter: { vendors: ['IOTAAP'] } });
  await waitFor('the read to be in flight', async () => /^tributary_http_in_flight 1$/m.test(await (await fetch(`${origin}/metrics`)).text()));
  child.kill('SIGTERM');

  const answer = await inFlight;
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.devices.edges).toHaveLength(2);
  expect(await exited).toBe(0);
}, 120_000);
