/**
 * A quantile of a Prometheus histogram over an interval: the bucket counts of two scrapes of
 * `/metrics` subtracted, summed over the series that match, and interpolated inside the bucket
 * the quantile falls in (as PromQL's `histogram_quantile`). Coarse by its buckets, but it is
 * the gateway's own view of its latency, free of the load client's own delays.
 */
export function histogramQuantile(before: string, after: string, name: string, match: (labels: string) => boolean, q: number): number {
  const counts = (text: string) => {
    const byBound = new Map<number, number>();
    const pattern = new RegExp(`^${name}_bucket\\{(.*)\\} ([0-9.e+-]+)$`, 'gm');
    for (const [, labels = '', value = '0'] of text.matchAll(pattern)) {
      if (!match(labels)) continue;
      const le = /le="([^"]+)"/.exec(labels)?.[1] ?? '+Inf';
      const bound = le === '+Inf' ? Infinity : Number(le);
      byBound.set(bound, (byBound.get(bound) ?? 0) + Number(value));
    }
    return byBound;
  };
  const start = counts(before);
  const end = counts(after);
  const buckets = [...end].map(([bound, count]) => ({ bound, count: count - (start.get(bound) ?? 0) })).sort((a, b) => a.bound - b.bound);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const { bound, count } of buckets) {
    if (count >= rank) {
      if (bound === Infinity) return lower;
      return lower + ((bound - lower) * (rank - below)) / Math.max(1, count - below);
    }
    lower = bound;
    below = count;
  }
  return lower;
}

/** How much the counters named `name` whose labels match grew between two scrapes of `/metrics`. */
export function counterDelta(before: string, after: string, name: string, match: (labels: string) => boolean): number {
  const sum = (text: string) => {
    let total = 0;
    for (const [, labels = '', value = '0'] of text.matchAll(new RegExp(`^${name}\\{(.*)\\} ([0-9.e+-]+)$`, 'gm'))) {
      if (match(labels)) total += Number(value);
    }
    return total;
  };
  return sum(after) - sum(before);
}
