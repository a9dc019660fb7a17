/**
 * The GraphQL endpoint of the page's own gateway: the explorer lives at `<endpoint>/explorer/`,
 * so a gateway behind a path prefix still finds itself.
 */
export function graphqlEndpoint(location: Pick<Location, 'origin' | 'pathname'>): { http: string; ws: string } {
  const path = location.pathname.replace(/\/explorer(\/.*)?$/, '');
  const http = `${location.origin}${path}`;
  return { http, ws: http.replace(/^http/, 'ws') };
}
