import type { z } from 'zod';
import type { Vendor } from '../core/vendor';
import { igtimiOptions } from './igtimi/igtimi.options';
import { iotaapOptions } from './iotaap/iotaap.options';
import { mainfluxOptions } from './mainflux/mainflux.options';
import { refusal } from './option-fields';
import { thingseeOptions } from './thingsee/thingsee.options';
import { timetonicOptions } from './timetonic/timetonic.options';

/** Each vendor's options schema (`src/vendors/<v>/<v>.options.ts`), keyed by the `<KEY>` of `<VENDOR>_<KEY>`. */
export const VENDOR_OPTIONS = {
  IGTIMI: igtimiOptions,
  IOTAAP: iotaapOptions,
  MAINFLUX: mainfluxOptions,
  TIMETONIC: timetonicOptions,
  THINGSEE: thingseeOptions,
} as const satisfies Record<Vendor, z.ZodType<object>>;

/** A vendor's settings as its adapter factory receives them, parsed. */
export type VendorOptions<V extends Vendor> = Readonly<z.output<(typeof VENDOR_OPTIONS)[V]>>;

export interface ParsedVendorOptions<V extends Vendor> {
  /** The parsed settings; the defaults when any is refused (then `problems` says why). */
  options: VendorOptions<V>;
  /** One line per refused setting: `<VENDOR>_<KEY> must be …, but got: <text>`. */
  problems: string[];
}

/**
 * Checks a vendor's raw `<KEY>` → text settings against its schema. Keys the schema does not
 * name (credentials, simulator extras) are left out of `options`.
 */
export function parseVendorOptions<V extends Vendor>(vendor: V, settings: Readonly<Record<string, string>>): ParsedVendorOptions<V> {
  // TypeScript cannot narrow the map's entry by a generic key: the entry for V is V's schema.
  const schema = VENDOR_OPTIONS[vendor] as unknown as z.ZodType<VendorOptions<V>>;
  const parsed = schema.safeParse(settings);
  if (parsed.success) return { options: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    return refusal(`${vendor}_${key}`, issue.message, settings[key] ?? '');
  });
  return { options: schema.parse({}), problems };
}
