import type { Stack } from '../helpers/stack';

/** GraphQL operations of one type the gateway has answered: proves what a cache did not send. */
export async function operationsServed(stack: Stack, type: 'query' | 'mutation'): Promise<number> {
  const { values } = await stack.server.services.metrics.graphqlRequests.get();
  return values.filter((v) => v.labels.operation_type === type).reduce((sum, v) => sum + v.value, 0);
}
