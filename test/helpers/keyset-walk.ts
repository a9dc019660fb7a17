/** One page of a keyset connection, as the tests' operations select it. */
export interface KeysetPageShape<N> {
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
  edges: Array<{ cursor: string; node: N }>;
}

export type PageRequest = { first?: number; after?: string | null; last?: number; before?: string | null };

/**
 * Walks a keyset list page by page and answers its nodes in list order (newest first).
 * `forward`: `first`/`after` from the newest; `backward`: `last`/`before` from the oldest.
 * `between` runs after every page (the tests insert items there). Stops after `maxPages`
 * so a list that never ends fails the test instead of hanging it.
 */
export async function walkPages<N>(
  direction: 'forward' | 'backward',
  size: number,
  read: (request: PageRequest) => Promise<KeysetPageShape<N>>,
  between: (pageIndex: number) => Promise<void> = async () => undefined,
  maxPages = 200,
): Promise<{ nodes: N[]; pages: number }> {
  const pages: N[][] = [];
  let cursor: string | null = null;
  for (let index = 0; index < maxPages; index += 1) {
    const page = await read(direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor });
    const nodes = page.edges.map((edge) => edge.node);
    if (direction === 'forward') pages.push(nodes);
    else pages.unshift(nodes);
    const more = direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return { nodes: pages.flat(), pages: index + 1 };
    cursor = (direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor) ?? null;
    await between(index);
  }
  throw new Error(`the list did not end within ${maxPages} pages`);
}

/** Items that appear more than once. */
export function repeated(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  return keys.filter((key) => (seen.has(key) ? true : (seen.add(key), false)));
}
