import type { VendorConfig, VendorConfigs } from '../config';
import type { EntityKind } from '../core/model';
import { VENDORS, type Vendor } from '../core/vendor';
import type { AdapterFactory, VendorAdapter, VendorDeps, VendorTypeInfo } from './adapter';
import { createIgtimiAdapter, type IgtimiApi } from './igtimi';
import { createIotaapAdapter, type IotaapApi } from './iotaap';
import { createMainfluxAdapter, type MainfluxAdapter, type MainfluxApi } from './mainflux';
import { createThingseeAdapter, type ThingseeApi } from './thingsee';
import { createTimetonicAdapter, type TimetonicApi } from './timetonic';

/**
 * Each vendor's own API: what `ctx.vendorApi(vendor)` answers, typed, so vendor-only resolvers
 * reach their vendor's methods without a cast.
 */
export interface VendorApis {
  IGTIMI: IgtimiApi;
  IOTAAP: IotaapApi;
  MAINFLUX: MainfluxApi;
  THINGSEE: ThingseeApi;
  TIMETONIC: TimetonicApi;
}

/**
 * What a vendor's adapter offers beyond the contract (Mainflux's live status), by vendor, so
 * `registry.adapter(vendor)` reaches it without a cast. `unknown`: nothing more.
 */
export interface VendorAdapterExtras {
  IGTIMI: unknown;
  IOTAAP: unknown;
  MAINFLUX: Omit<MainfluxAdapter, keyof VendorAdapter>;
  THINGSEE: unknown;
  TIMETONIC: unknown;
}

/** Every vendor's adapter, each of its own type and connecting to its own API type. */
export type VendorAdapters = { readonly [V in Vendor]: VendorAdapter<VendorApis[V]> & VendorAdapterExtras[V] };

/** The one place that knows every vendor: a vendor missing here (or in VendorApis) fails to compile. */
const FACTORIES: { readonly [V in Vendor]: AdapterFactory<V, VendorApis[V], VendorAdapters[V]> } = {
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

  constructor(readonly adapters: VendorAdapters) {
    for (const adapter of Object.values(adapters)) {
      for (const type of adapter.types) this.byTypename.set(type.typename, { ...type, vendor: adapter.vendor });
    }
  }

  adapter<V extends Vendor>(vendor: V): VendorAdapters[V] {
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
  const adapters = Object.fromEntries(VENDORS.map((vendor) => [vendor, createAdapter(vendor, deps)])) as VendorAdapters;
  return new VendorRegistry(adapters);
}

/** One vendor's adapter, its factory given that vendor's own config. */
function createAdapter<V extends Vendor>(vendor: V, deps: Omit<VendorDeps, 'config'> & { configs: VendorConfigs }): VendorAdapters[V] {
  const factory: AdapterFactory<V, VendorApis[V], VendorAdapters[V]> = FACTORIES[vendor];
  const config: VendorConfig<V> = deps.configs[vendor];
  return factory({ ...deps, config });
}
