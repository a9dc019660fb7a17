import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { LIST_QUERIES, VENDORS, type ListKind, type Vendor } from './operations';

const PAGE = 20;

/** Devices, things or groups across vendors, with a vendor filter and search, paged by `fetchMore`. */
export function ListsPanel() {
  const [kind, setKind] = useState<ListKind>('devices');
  const [vendor, setVendor] = useState<Vendor | ''>('');
  const [typed, setTyped] = useState('');
  const search = useDebounced(typed.trim(), 300);
  const filter = { ...(vendor ? { vendors: [vendor] } : {}), ...(search ? { search } : {}) };
  const { data, previousData, loading, fetchMore, error } = useQuery(LIST_QUERIES[kind], {
    variables: { first: PAGE, filter },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const page = data?.[kind] ?? previousData?.[kind];
  const edges = page?.edges ?? [];

  return (
    <section className="panel lists">
      <h2>Browse</h2>
      <div className="controls">
        <div role="tablist">
          {(['devices', 'things', 'groups'] as const).map((name) => (
            <button key={name} type="button" role="tab" aria-selected={kind === name} data-testid={`list-${name}`} onClick={() => setKind(name)}>
              {name}
            </button>
          ))}
        </div>
        <select aria-label="Vendor" data-testid="list-vendor" value={vendor} onChange={(event) => setVendor(event.target.value as Vendor | '')}>
          <option value="">all vendors</option>
          {VENDORS.map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
        </select>
        <input type="search" placeholder="search" aria-label="Search" data-testid="list-search" value={typed} onChange={(event) => setTyped(event.target.value)} />
      </div>
      <p className="count" data-testid="list-count" data-shown={edges.length} data-total={page?.totalCount ?? 0}>
        {edges.length} of {page?.totalCount ?? '…'} {kind}
        {error && !data ? ' — could not load' : ''}
      </p>
      <ol className="list">
        {edges.map(({ node }) => (
          <li key={node.id} data-testid="list-row">
            <span className={`vendor-tag v-${node.vendor}`}>{node.vendor}</span>
            <span className="name">{node.name ?? node.nativeId}</span>
            <span className="type">{node.__typename}</span>
          </li>
        ))}
      </ol>
      {page?.pageInfo.hasNextPage && (
        <button
          type="button"
          data-testid="load-more"
          disabled={loading}
          onClick={() => void fetchMore({ variables: { first: PAGE, filter, after: page.pageInfo.endCursor } })}
        >
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
