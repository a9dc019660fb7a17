import { readyBanner } from '../../src/server/ready-banner';

describe('the ready banner', () => {
  it('names a wildcard bind as all interfaces, with a loopback URL to open', () => {
    expect(readyBanner('0.0.0.0', 'http://127.0.0.1:4000/graphql', 'sandbox')).toBe(
      '\nTributary GraphQL at http://127.0.0.1:4000/graphql (listening on all interfaces (0.0.0.0), port 4000)\n' +
        'Explorer: open http://127.0.0.1:4000/graphql in a browser for Apollo Sandbox (GraphiQL at http://127.0.0.1:4000/graphql/explorer/ when offline; GRAPHQL_IDE=sandbox)\n\n',
    );
  });

  it('names the address it listens on otherwise', () => {
    expect(readyBanner('127.0.0.1', 'http://127.0.0.1:4000/graphql', 'off')).toContain('(listening on 127.0.0.1:4000)\n');
    expect(readyBanner('::1', 'http://[::1]:4000/graphql', 'off')).toContain('(listening on [::1]:4000)\n');
    expect(readyBanner('::', 'http://[::]:4000/graphql', 'graphiql')).toContain('open http://[::1]:4000/graphql in a browser for GraphiQL');
  });
});
