import type { VendorConfig, VendorConfigs } from '../config';
import type { EntityKind } from '../core/model';
import { VENDORS, type Vendor } from '../core/vendor';
import type { AdapterFactory, VendorAdapter, VendorDeps, VendorTypeInfo } from './adapter';
import { createIgtimiAdapter } from './igtimi';
import { createIotaapAdapter } from './iotaap';
import { createMainfluxAdapter } from './mainflux';
import { createThingseeAdapter } from './thingsee';
import { createTimetonicAdapter } from './timetonic';
import { VendorHealth } from './vendor-health';

/** The one place that knows every vendor. A vendor not built yet contributes nothing. */
const FACTORIES: { [V in Vendor]?: AdapterFactory<V> } = {
  IGTIMI: createIgtimiAdapter,
  IOTAAP: createIotaapAdapter,
  MAINFLUX: createMainfluxAdapter,
  THINGSEE: createThingseeAdapter,
  TIMETONIC: createTimetonicAdapter,
};

export interface RegisteredType extends VendorTypeInfo {
  vendor: Vendor;
}

export class VendorRegistry {
  private readonly byTypename = new Map<string, RegisteredType>();

  constructor(readonly adapters: Readonly<Record<Vendor, VendorAdapter>>) {
    for (const adapter of Object.values(adapters)) {
      for (const type of adapter.types) this.byTypename.set(type.typename, { ...type, vendor: adapter.vendor });
    }
  }

  adapter(vendor: Vendor): VendorAdapter {
    return this.adapters[vendor];
  }

  /** The vendor and kind behind a GraphQL type name, or undefined for a type no vendor serves. */
  type(typename: string): RegisteredType | undefined {
    return this.byTypename.get(typename);
  }

  /** Every type name that implements `kind` (e.g. all Device implementations). */
  typenamesOf(kind: EntityKind): string[] {
    return [...this.byTypename.values()].filter((t) => t.kind === kind).map((t) => t.typename);
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.adapters).map((adapter) => adapter.close()));
  }
}

export function createRegistry(deps: Omit<VendorDeps, 'config'> & { configs: VendorConfigs }): VendorRegistry {
  const adapters = Object.fromEntries(VENDORS.map((vendor) => [vendor, createAdapter(vendor, deps)])) as Record<Vendor, VendorAdapter>;
  return new VendorRegistry(adapters);
}

/** One vendor's adapter, its factory given that vendor's own config. */
function createAdapter<V extends Vendor>(vendor: V, deps: Omit<VendorDeps, 'config'> & { configs: VendorConfigs }): VendorAdapter {
  const factory: AdapterFactory<V> | undefined = FACTORIES[vendor];
  const config: VendorConfig<V> = deps.configs[vendor];
  return factory ? factory({ ...deps, config }) : unbuiltAdapter(vendor);
}

/** A vendor whose integration does not exist yet: no types, status NOT_CONFIGURED. */
function unbuiltAdapter(vendor: Vendor): VendorAdapter {
  return {
    vendor,
    configured: false,
    health: new VendorHealth(vendor, false),
    types: [],
    connect() {
      throw new Error(`${vendor} has no integration yet`);
    },
    async close() {},
  };
}
