import { BadUserInputError, type TributaryError } from '../core/errors';
import type { Vendor } from '../core/vendor';
import type { Capability } from '../vendors/adapter';

/** What a caller is told when it asks a vendor for a capability the vendor does not declare. */
const MISSING: { readonly [C in Capability]: (vendor: Vendor) => string } = {
  groups: (vendor) => `${vendor} groups cannot be written through Tributary`,
  devices: (vendor) => `${vendor} devices cannot be updated through Tributary`,
  measurements: (vendor) => `${vendor} offers no measurements`,
  channelMessages: (vendor) => `${vendor} keeps no channel messages`,
  bookMessages: (vendor) => `${vendor} keeps no book messages`,
  live: (vendor) => `${vendor} has no live feeds`,
};

export function missingCapabilityError(vendor: Vendor, capability: Capability): TributaryError {
  return new BadUserInputError(MISSING[capability](vendor));
}
