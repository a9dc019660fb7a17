import type { Config } from '../config';
import { VENDORS, type Vendor } from '../core/vendor';
import type { RunningSimulators } from '../simulators';
import type { DemoOutageControl } from './dashboard';

/**
 * The outage switch over the embedded simulators' fault control, for the vendors the gateway
 * really talks to through them (a vendor given its own URL keeps its simulator out of reach).
 */
export function demoOutagesFrom(config: Config, simulators: Pick<RunningSimulators, 'urls' | 'controls'>): DemoOutageControl {
  const key = (vendor: Vendor) => vendor.toLowerCase() as Lowercase<Vendor>;
  const vendors = VENDORS.filter((vendor) => {
    const url = simulators.urls[key(vendor)];
    return url !== undefined && config.vendors[vendor].baseUrl === url && simulators.controls[key(vendor)] !== undefined;
  });
  const down = new Set<Vendor>();
  return {
    vendors,
    isDown: (vendor) => down.has(vendor),
    setDown(vendor, isDown) {
      simulators.controls[key(vendor)]?.setFaults({ down: isDown });
      if (isDown) down.add(vendor);
      else down.delete(vendor);
    },
  };
}
