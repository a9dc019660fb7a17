import { createPubSub } from '@graphql-yoga/subscription';
import type { VendorStatusSnapshot } from '../vendors/vendor-health';

/** Every live topic and what it carries. In memory today; Redis joins with scale-out. */
export type Topics = {
  VENDOR_STATUS_CHANGED: [VendorStatusSnapshot];
};

export type TributaryPubSub = ReturnType<typeof createTributaryPubSub>;

export function createTributaryPubSub() {
  return createPubSub<Topics>();
}
