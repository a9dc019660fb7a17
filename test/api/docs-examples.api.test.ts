import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { fieldsWithoutData } from '../helpers/data-shown';
import { docExamples, docFiles, type DocExample } from '../helpers/doc-examples';
import { postRaw } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { wsClient } from '../helpers/subscribe';
import { waitFor } from '../helpers/wait-for';
import type { SimulatorVendor } from '../../src/simulators';

/**
 * Docs that run: every GraphQL example in README.md and docs/ is executed against the demo
 * (simulators with live generators) and must answer without errors and with data in every
 * field it shows. Mutations run in the order the docs show them, on this file's own stack.
 */
const examples: DocExample[] = docFiles().flatMap(docExamples);
const runs = examples.filter((e) => e.skip === null);
const skips = examples.filter((e) => e.skip !== null);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ live: true });
});
afterAll(disposeLeftovers);

it('finds the examples', () => {
  expect(runs.length).toBeGreaterThanOrEqual(5);
});

describe.each(runs.map((e) => [e.where, e] as const))('%s', (_where, example) => {
  const document = parse(example.source);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

  it.each(operations.map((op) => [op.name?.value ?? `(anonymous ${op.operation})`, op] as const))('%s answers with data in every field it shows', async (_name, operation) => {
    const request = { query: example.source, variables: example.variables, operationName: operation.name?.value };
    const result = operation.operation === 'subscription' ? await firstEvent(request, example.trigger) : await postRaw(stack.url, JSON.stringify(request));
    expect(result.errors).toBeUndefined();
    expect(fieldsWithoutData(document, operation, result.data)).toEqual([]);
  });
});

describe('blocks left out', () => {
  // Each one says why next to it; only non-operations (or operations another test runs) belong here.
  const table = skips.map((e) => [e.where, e.skip] as const);
  if (table.length === 0) it('none', () => expect(skips).toEqual([]));
  else
    it.each(table)('%s: %s', (_where, reason) => {
      expect(reason!.trim().length).toBeGreaterThan(10);
    });
});

async function firstEvent(request: { query: string; variables: Record<string, unknown>; operationName: string | undefined }, trigger: string | null) {
  const client = wsClient(stack.wsUrl);
  const iterator = client.iterate(request);
  try {
    const next = iterator.next();
    if (trigger) {
      const simulator = stack.simulators.controls[trigger as SimulatorVendor];
      if (!simulator) throw new Error(`docs-test trigger names no simulator: ${trigger}`);
      const { subscriptionsActive } = stack.server.services.metrics;
      await waitFor('the subscription to reach the server', async () => ((await subscriptionsActive.get()).values[0]?.value ?? 0) >= 1);
      simulator.setFaults({ down: true });
      try {
        await postRaw(stack.url, JSON.stringify({ query: '{ devices(first: 1) { totalCount } things(first: 1) { totalCount } }' }));
      } finally {
        simulator.clearFaults();
      }
    }
    const result = await Promise.race([
      next,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no subscription event within 20 s')), 20_000).unref()),
    ]);
    if (result.done) throw new Error('the subscription completed without an event');
    return result.value;
  } finally {
    await iterator.return?.();
  }
}
