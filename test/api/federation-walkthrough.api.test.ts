import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { composeFleetSupergraph } from '../../examples/fleet-subgraph/fleet.supergraph';
import { fieldsWithoutData } from '../helpers/data-shown';
import { ROOT, docExamples } from '../helpers/doc-examples';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { untilServing } from '../helpers/serving';
import { startStack, type Stack } from '../helpers/stack';

/**
 * docs/federation/README.md as a reader follows it: `npm run fleet` (the script itself, against
 * this test's Tributary), the composition `npm run supergraph` writes, and the README's query
 * through @apollo/gateway over both subgraphs, which must come back with roster data.
 */
let stack: Stack;
let fleet: { url: string; boats: number };
beforeAll(async () => {
  stack = await startStack();
  fleet = await runFleetScript(stack.url);
});
afterAll(disposeLeftovers);

it('npm run fleet serves a roster of the demo\'s IoTaaP devices', () => {
  expect(fleet.boats).toBe(10);
});

it("the README's query returns roster data through a gateway over both subgraphs", async () => {
  const [example] = docExamples(join(ROOT, 'docs', 'federation', 'README.md'));
  if (!example) throw new Error('docs/federation/README.md shows no GraphQL query');
  const gateway = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl: composeFleetSupergraph(stack.url, fleet.url).supergraphSdl,
      buildService: ({ url }) => new RemoteGraphQLDataSource({ url }),
    }),
  });
  await gateway.start();
  leaveOver(() => gateway.stop());
  // Composing and starting the gateway block the event loop Tributary shares with this test.
  await untilServing(stack.url);

  const response = await gateway.executeOperation({ query: example.source, variables: example.variables });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = response.body.singleResult;
  expect(errors).toBeUndefined();
  const document = parse(example.source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  expect(fieldsWithoutData(document, operation, data)).toEqual([]);
  const roster = (data as { fleet: Array<{ skipper: string; device: { name: string } }> }).fleet;
  expect(roster).toHaveLength(10);
  expect(roster.every((entry) => /^Skipper \d+$/.test(entry.skipper) && entry.device.name)).toBe(true);
});

/** `npm run fleet`'s script on a free port, until it says where it listens. */
function runFleetScript(tributaryUrl: string): Promise<{ url: string; boats: number }> {
  const child = spawn(process.execPath, ['-r', './scripts/register-swc.js', 'scripts/fleet.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TRIBUTARY_URL: tributaryUrl, FLEET_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  leaveOver(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /Fleet subgraph at (\S+) with (\d+) boats/.exec(out);
      if (ready) resolve({ url: ready[1]!, boats: Number(ready[2]) });
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm run fleet exited with ${code}: ${err || out}`)));
  });
}
