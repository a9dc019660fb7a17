// Monaco's editor, JSON and GraphQL workers, bundled by Vite and served from our origin.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EXAMPLE_OPERATIONS } from '../../src/server/explorer/explorer.examples';
import { graphqlEndpoint } from '../../src/server/explorer/explorer.endpoint';

const endpoint = graphqlEndpoint(window.location);

const fetcher = createGraphiQLFetcher({
  url: endpoint.http,
  // A subscription opens its own graphql-ws client; the headers editor's values (x-api-key,
  // vendor tokens) become its connectionParams, as the gateway reads them there.
  subscriptionUrl: endpoint.ws,
  // The gateway answers plain JSON (no @defer/@stream), so no multipart parsing.
  enableIncrementalDelivery: false,
});

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={EXAMPLE_OPERATIONS.map(({ query, variables }) => ({ query, variables }))}
      defaultEditorToolsVisibility="variables"
    />
  </StrictMode>,
);
