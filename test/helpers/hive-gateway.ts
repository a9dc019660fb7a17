import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { leaveOver } from './leftovers';

/** The part of `@graphql-hive/gateway-runtime` used here. */
interface HiveRuntimeModule {
  createGatewayRuntime(config: {
    supergraph: string;
    logging: boolean;
    maskedErrors: boolean;
    transportEntries: Record<string, { options: Record<string, unknown> }>;
  }): RequestListener & { dispose(): Promise<void> | void };
}

/*
 * Loaded without its type declarations: they bring graphql-yoga's, which re-declare
 * `GraphQLErrorExtensions.http` (headers as a record) over Apollo Server's (headers as a Map)
 * for the whole program, and the server's own errors would stop type-checking.
 */
const { createGatewayRuntime } = require('@graphql-hive/gateway-runtime') as HiveRuntimeModule;

/**
 * Hive Gateway's runtime over a supergraph, on a loopback HTTP server on port 0 (stopped with
 * the leftovers). Subscriptions go to the `tributary` subgraph over graphql-ws on /graphql,
 * as docs/federation/gateway.config.ts configures the CLI; clients reach the gateway over SSE.
 */
export async function startHiveGateway(supergraph: string): Promise<{ url: string }> {
  const gateway = createGatewayRuntime({
    supergraph,
    logging: false,
    // A failing subgraph's own message, not "Unexpected error.", in a failed assertion.
    maskedErrors: false,
    transportEntries: { tributary: { options: { subscriptions: { kind: 'ws', location: '/graphql' } } } },
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  leaveOver(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await gateway.dispose();
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  // The runtime loads the supergraph on its first request, blocking the event loop it shares
  // with Tributary in a test for a while; do that now, not in the middle of a test.
  const warm = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  if (!warm.ok) throw new Error(`Hive Gateway answered ${warm.status} to { __typename }`);
  return { url };
}
