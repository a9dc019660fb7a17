// Hive Gateway configuration for the Tributary + fleet supergraph.
// Run: npx hive-gateway supergraph docs/federation/supergraph.graphql -c docs/federation/gateway.config.ts
// A plain object (no import), so it loads wherever the CLI runs from; the tests start Hive
// Gateway's runtime with this same configuration (test/helpers/hive-gateway.ts).
const VENDORS = ['igtimi', 'iotaap', 'mainflux', 'timetonic', 'thingsee'];

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
  // Subscriptions go to Tributary over graphql-ws on /graphql, with the caller's vendor
  // tokens (from its request headers) as connectionParams.
  transportEntries: {
    tributary: {
      options: {
        subscriptions: {
          kind: 'ws',
          location: '/graphql',
          options: { connectionParams: Object.fromEntries(VENDORS.map((vendor) => [`x-${vendor}-token`, `{context.headers.x-${vendor}-token}`])) },
        },
      },
    },
  },
};
