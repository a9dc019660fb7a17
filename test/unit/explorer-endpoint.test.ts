import { explorerLine } from '../../src/server/explorer/explorer.banner';
import { graphqlEndpoint } from '../../src/server/explorer/explorer.endpoint';

describe('the bundled GraphiQL finds its gateway from its own URL', () => {
  it.each([
    ['http://127.0.0.1:4000', '/graphql/explorer/', 'http://127.0.0.1:4000/graphql', 'ws://127.0.0.1:4000/graphql'],
    ['https://api.example', '/tributary/graphql/explorer/index.html', 'https://api.example/tributary/graphql', 'wss://api.example/tributary/graphql'],
  ])('%s%s', (origin, pathname, http, ws) => {
    expect(graphqlEndpoint({ origin, pathname })).toEqual({ http, ws });
  });
});

describe('the start-up line', () => {
  it('names the explorer and the setting behind it', () => {
    expect(explorerLine('sandbox', 'http://h/graphql')).toContain('GraphiQL at http://h/graphql/explorer/ when offline');
    expect(explorerLine('graphiql', 'http://h/graphql')).toContain('GRAPHQL_IDE=graphiql');
    expect(explorerLine('off', 'http://h/graphql')).toMatch(/off \(GRAPHQL_IDE=off/);
  });
});
