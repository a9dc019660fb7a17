import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The subscriber side of `npm run bench:live`, in its own process so its memory and CPU are
 * not counted as the gateway's. Opens N graphql-ws connections, each subscribed to the same
 * measurement stream, and reports fan-out latency (receipt time minus the point's time).
 */
interface Job {
  wsUrl: string;
  subscribers: number;
  sourceId: string;
  name: string;
  durationMs: number;
}

process.once('message', (job: Job) => {
  void run(job).then((summary) => {
    process.send?.(summary);
    setTimeout(() => process.exit(0), 100);
  });
});

async function run(job: Job) {
  const latencies: number[] = [];
  const clients = Array.from({ length: job.subscribers }, () =>
    createClient({ url: job.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false }),
  );
  let open = 0;
  let errors = 0;
  const query = `subscription { measurements(sourceIds: ["${job.sourceId}"], names: ["${job.name}"]) { time } }`;
  let measuring = false;
  for (const client of clients) {
    client.subscribe<{ measurements: { time: string } }>(
      { query },
      {
        next: (result) => {
          if (measuring && result.data) latencies.push(Date.now() - Date.parse(result.data.measurements.time));
        },
        error: () => {
          errors += 1;
        },
        complete: () => undefined,
      },
    );
    open += 1;
    // Open in batches so the handshakes do not all land in the same tick.
    if (open % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.send?.({ ready: true });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, job.durationMs));
  measuring = false;
  await Promise.all(clients.map((c) => c.dispose()));
  return { latencies, errors };
}
