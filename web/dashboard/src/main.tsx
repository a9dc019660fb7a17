import { ApolloProvider } from '@apollo/client/react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo.client';
import { AlertsPanel } from './alerts.panel';
import { BooksPanel } from './books.panel';
import { BuildingsPanel } from './buildings.panel';
import { FleetPanel } from './fleet.panel';
import { ListsPanel } from './lists.panel';
import { VendorStatusProvider, VendorsPanel } from './vendor-status';
import './styles.css';

function App() {
  return (
    <VendorStatusProvider>
      <header className="top">
        <h1>Tributary <small>live operations</small></h1>
        <nav>
          <a href="../graphql">GraphQL</a>
        </nav>
      </header>
      <main className="grid">
        <VendorsPanel />
        <FleetPanel />
        <AlertsPanel />
        <BuildingsPanel />
        <BooksPanel />
        <ListsPanel />
      </main>
    </VendorStatusProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html must have a #root element');
createRoot(root).render(
  <ApolloProvider client={createApolloClient()}>
    <App />
  </ApolloProvider>,
);
