// Hive Gateway configuration for the Tributary + fleet supergraph.
// Run: npx hive-gateway supergraph docs/federation/supergraph.graphql -c docs/federation/gateway.config.ts
// A plain object (no import), so it loads wherever the CLI runs from; the tests start Hive
// Gateway's runtime with this same configuration (test/helpers/hive-gateway.ts).
export const gatewayConfig = {
  supergraph: './docs/federation/supergraph.graphql',
  port: 4040,
  // Forward callers' vendor credentials to Tributary.
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }: { request: Request }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) if (/^x-[a-z]+-token$/.test(name)) headers[name] = value;
      return headers;
    },
  },
  // Subscriptions go to Tributary over graphql-ws on /graphql.
  transportEntries: {
    tributary: { options: { subscriptions: { kind: 'ws', location: '/graphql' } } },
  },
};
