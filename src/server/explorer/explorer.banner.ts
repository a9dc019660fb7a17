import type { ExplorerMode } from '../../config';

/** The start-up line naming the explorer a browser gets at `url`, and the setting behind it. */
export function explorerLine(mode: ExplorerMode, url: string): string {
  switch (mode) {
    case 'sandbox':
      return `Explorer: open ${url} in a browser for Apollo Sandbox (GraphiQL at ${url}/explorer/ when offline; GRAPHQL_IDE=sandbox)`;
    case 'graphiql':
      return `Explorer: open ${url} in a browser for GraphiQL (GRAPHQL_IDE=graphiql)`;
    case 'off':
      return 'Explorer: off (GRAPHQL_IDE=off; set GRAPHQL_IDE=sandbox or graphiql to turn it on)';
    default:
      throw new Error(`Unknown explorer mode: ${String(mode satisfies never)}`);
  }
}
