/**
 * The GraphQL endpoint of the page's own gateway, for the bundled GraphiQL (web/explorer): the
 * explorer lives at `<endpoint>/explorer/`, so a gateway behind a path prefix still finds itself.
 * Kept here, beside the routes that choose that path, and free of DOM types so tests run it.
 */
export function graphqlEndpoint(location: { origin: string; pathname: string }): { http: string; ws: string } {
  const path = location.pathname.replace(/\/explorer(\/.*)?$/, '');
  const http = `${location.origin}${path}`;
  return { http, ws: http.replace(/^http/, 'ws') };
}
