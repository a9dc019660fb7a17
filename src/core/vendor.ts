/** The vendors Tributary speaks to, in the stable order used to merge cross-vendor lists. */
export const VENDORS = ['IGTIMI', 'IOTAAP', 'MAINFLUX', 'TIMETONIC', 'THINGSEE'] as const;

export type Vendor = (typeof VENDORS)[number];

export function isVendor(value: string): value is Vendor {
  return (VENDORS as readonly string[]).includes(value);
}

/** Lower-case vendor key, as used in env variables, headers and simulator names. */
export function vendorKey(vendor: Vendor): Lowercase<Vendor> {
  return vendor.toLowerCase() as Lowercase<Vendor>;
}
