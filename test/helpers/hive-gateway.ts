import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayConfig } from '../../docs/federation/gateway.config';
import { leaveOver } from './leftovers';

/** Settings a test adds to gateway.config.ts's. */
export interface HiveOptions {
  /** `@defer` and `@stream` (experimental in Hive Gateway). */
  deferStream?: boolean;
}

/** The part of `@graphql-hive/gateway-runtime` used here. */
interface HiveRuntimeModule {
  createGatewayRuntime(config: typeof gatewayConfig & HiveOptions & { logging: boolean; maskedErrors: boolean }): RequestListener & { dispose(): Promise<void> | void };
}

/*
 * Loaded without its type declarations: they bring graphql-yoga's, which re-declare
 * `GraphQLErrorExtensions.http` (headers as a record) over Apollo Server's (headers as a Map)
 * for the whole program, and the server's own errors would stop type-checking.
 */
const { createGatewayRuntime } = require('@graphql-hive/gateway-runtime') as HiveRuntimeModule;

/**
 * Hive Gateway's runtime with docs/federation/gateway.config.ts (callers' `x-<vendor>-token`
 * headers forwarded, subscriptions to Tributary over graphql-ws on /graphql) over the given
 * supergraph, on a loopback HTTP server on port 0 (stopped with the leftovers). Clients reach
 * it over HTTP, and subscribe over SSE.
 */
export async function startHiveGateway(supergraph: string, options: HiveOptions = {}): Promise<{ url: string }> {
  const gateway = createGatewayRuntime({
    ...gatewayConfig,
    ...options,
    supergraph,
    logging: false,
    // A failing subgraph's own message, not "Unexpected error.", in a failed assertion.
    maskedErrors: false,
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
