/**
 * Subscription fields that can replay history before going live, and the arguments that ask
 * for it. A replay is the subscriber's own (it starts at its own time), so an operation that
 * asks for one runs per subscriber; every other subscription can share one execution among
 * identical subscribers (server/shareable-operations.ts). A new subscription field that
 * replays must be declared here: test/unit/shareable-operations.test.ts checks each entry
 * against the schema.
 */
export const SUBSCRIPTION_REPLAYS: Readonly<Record<string, readonly string[]>> = {
  /** `measurements(since:)`: what the vendor still has from that time, then live points. */
  measurements: ['since'],
};
