import type { ApolloClient } from '@apollo/client';
import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { VENDOR_PROBE, VENDOR_STATUS_CHANGED, VENDORS, VENDORS_QUERY, type Vendor, type VendorStatus } from './operations';

const StatusContext = createContext<ReadonlyMap<Vendor, VendorStatus>>(new Map());

/**
 * Every vendor's state from `vendors`, kept current by `vendorStatusChanged`: each event is
 * written to the cache (VendorStatus is keyed by vendor), which updates the query's list.
 */
export function VendorStatusProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { data } = useQuery(VENDORS_QUERY);
  useSubscription(VENDOR_STATUS_CHANGED);
  const statuses = new Map((data?.vendors ?? []).map((status) => [status.vendor, status] as const));
  const troubled = [...statuses.values()].filter(isTroubled).map((status) => status.vendor);
  // A failing vendor is asked again every few seconds, so its badge turns OK as soon as it
  // answers, not only when a live poller (backing off after failures) next tries it.
  const troubledKey = troubled.join(',');
  useEffect(() => {
    if (troubledKey === '') return;
    const vendors = troubledKey.split(',') as Vendor[];
    const timer = setInterval(() => void probe(client, vendors), PROBE_EVERY_MS);
    return () => clearInterval(timer);
  }, [client, troubledKey]);
  return <StatusContext.Provider value={statuses}>{children}</StatusContext.Provider>;
}

const PROBE_EVERY_MS = 5_000;

function isTroubled(status: VendorStatus): boolean {
  return status.state === 'DOWN' || status.state === 'DEGRADED';
}

/** One small read per vendor: the gateway records its outcome in the vendor's state. */
function probe(client: ApolloClient, vendors: Vendor[]): Promise<unknown> {
  return client.query({ query: VENDOR_PROBE, variables: { vendors }, fetchPolicy: 'network-only', errorPolicy: 'all' }).catch(() => undefined);
}

/** The vendors of `vendors` that are not answering normally, for a panel's banner. */
export function useTroubledVendors(vendors: readonly Vendor[]): VendorStatus[] {
  const statuses = useContext(StatusContext);
  return vendors.flatMap((vendor) => {
    const status = statuses.get(vendor);
    return status && isTroubled(status) ? [status] : [];
  });
}

/** Says which of a panel's vendors are failing; the panel keeps showing its last data below. */
export function VendorBanner({ vendors }: { vendors: readonly Vendor[] }) {
  const troubled = useTroubledVendors(vendors);
  if (troubled.length === 0) return null;
  return (
    <div className="banner" role="status" data-testid="vendor-banner">
      {troubled.map((status) => `${status.vendor} is ${status.state}`).join(' · ')} — showing the last data received
    </div>
  );
}

interface Outage {
  vendor: Vendor;
  down: boolean;
}

/** The demo's outage switch (`/dashboard/demo/outages`); absent outside the demo. */
function useOutages() {
  const client = useApolloClient();
  const [outages, setOutages] = useState<Outage[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch('demo/outages', { headers: { accept: 'application/json' } })
      .then(async (response) => (response.ok ? ((await response.json()) as { vendors: Outage[] }).vendors : null))
      .catch(() => null)
      .then((vendors) => {
        if (!cancelled) setOutages(vendors);
      });
    return () => {
      cancelled = true;
    };
  }, []);
  const toggle = useCallback(
    async (vendor: Vendor, down: boolean) => {
      const response = await fetch(`demo/outages/${vendor}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ down }),
      });
      if (!response.ok) return;
      setOutages((current) => current?.map((outage) => (outage.vendor === vendor ? { vendor, down } : outage)) ?? null);
      // Ask the vendor at once so its state (and every badge) follows now, not at the next poll.
      await probe(client, [vendor]);
    },
    [client],
  );
  return { outages, toggle };
}

export function VendorsPanel() {
  const statuses = useContext(StatusContext);
  const { outages, toggle } = useOutages();
  return (
    <section className="panel vendors">
      <h2>Vendors</h2>
      <ul className="badges">
        {VENDORS.map((vendor) => {
          const status = statuses.get(vendor);
          const outage = outages?.find((entry) => entry.vendor === vendor);
          return (
            <li key={vendor} className={`badge state-${status?.state ?? 'UNKNOWN'}`} data-testid={`vendor-${vendor}`} data-state={status?.state ?? 'UNKNOWN'}>
              <strong>{vendor}</strong>
              <span>{status?.state ?? '…'}</span>
              <small>circuit {status?.circuit ?? '…'}{status?.lastErrorCode ? ` · ${status.lastErrorCode}` : ''}</small>
              {outage && (
                <button type="button" data-testid={`fault-${vendor}`} data-down={String(outage.down)} onClick={() => void toggle(vendor, !outage.down)}>
                  {outage.down ? 'bring simulator up' : 'take simulator down'}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
