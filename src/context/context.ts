import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { relinkRequiredError, type VendorAccounts } from '../accounts/vendor-accounts.service';
import type { Config } from '../config';
import { TributaryError, VendorNotConfiguredError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { PageLimits } from '../core/pagination';
import { RequestScope } from '../core/request-scope';
import { VENDORS, vendorKey, type Vendor } from '../core/vendor';
import type { TributaryPubSub } from '../live/pubsub';
import type { TopicHub } from '../live/topic-hub';
import { hasCapability, type CapableApi, type Capability, type EntitySource, type VendorApi } from '../vendors/adapter';
import type { VendorApis, VendorRegistry } from '../vendors/registry';
import type { TokenRenewal } from '../vendors/token-provider';
import { RecordLoaders } from './loaders/record.loader';
import { missingCapabilityError } from './missing-capability';

/** Long-lived services shared by every request. */
export interface GatewayServices {
  config: Config;
  registry: VendorRegistry;
  pubsub: TributaryPubSub;
  /** Shared live upstreams (one per topic, cluster-wide with Redis). */
  live: TopicHub;
  metrics: Metrics;
  logger: Logger;
  /** Callers' own vendor accounts; null when turned off (ACCOUNTS_ENABLED=false). */
  accounts?: VendorAccounts | null;
}

/** Who is calling the gateway. */
export interface Caller {
  kind: 'anonymous' | 'api-key' | 'jwt';
  id: string | null;
  /** Remote address, for counting anonymous callers. */
  address?: string | null;
}

export type VendorTokens = Partial<Record<Vendor, string>>;

const NO_VENDORS: ReadonlySet<Vendor> = new Set();

/**
 * Everything one GraphQL operation (an HTTP request, or one WS operation) works with: its
 * caller, the vendor credentials it brought, its loaders and the errors of vendors that
 * failed while others answered.
 */
export class RequestContext {
  readonly scope = new RequestScope();
  /** `process.hrtime.bigint()` at creation: where the operation's logged duration starts. */
  readonly startedAt = process.hrtime.bigint();
  /** Made on first use: a subscription that only forwards events never needs any. */
  private currentLoaders: RecordLoaders | null = null;
  /** Vendor failures inside lists that still answered; appended to `errors` by a plugin. */
  readonly partialErrors: GraphQLError[] = [];
  /** Vendor APIs bound to this operation's credentials and loaders, made on first use. */
  private apis: { [V in Vendor]?: VendorApis[V] } = {};

  constructor(
    readonly services: GatewayServices,
    readonly caller: Caller,
    private readonly vendorTokens: VendorTokens,
    /** Vendors where the caller's linked account needs relinking (see caller-tokens.ts). */
    private readonly relinkRequired: ReadonlySet<Vendor> = NO_VENDORS,
    /** How to renew each linked token the vendor refuses mid-request. */
    private readonly renewals: Partial<Record<Vendor, TokenRenewal>> = {},
  ) {}

  get loaders(): RecordLoaders {
    return (this.currentLoaders ??= this.newLoaders());
  }

  /**
   * Fresh loaders (and vendor APIs bound to them): a subscription calls this per event, so an
   * event hours into a subscription never reads hours-old cached records.
   */
  renewLoaders(): void {
    this.currentLoaders = null;
    this.apis = {};
  }

  private newLoaders(): RecordLoaders {
    return new RecordLoaders((typename) => this.sourceOf(typename), this.scope, this.services.config.naiveLoaders);
  }

  /** Which credential this operation uses for `vendor`, as a short hash (for live topic keys). */
  credentialKey(vendor: Vendor): string {
    const token = this.vendorTokens[vendor];
    return token ? createHash('sha256').update(token).digest('hex').slice(0, 16) : 'gateway';
  }

  get pageLimits(): PageLimits {
    return { defaultSize: this.services.config.defaultPageSize, maxSize: this.services.config.maxPageSize };
  }

  /**
   * The vendor's own API (`IotaapApi` for 'IOTAAP', …) bound to this caller's credential;
   * VENDOR_NOT_CONFIGURED when it has none.
   */
  vendorApi<V extends Vendor>(vendor: V): VendorApis[V] {
    const known = this.apis[vendor];
    if (known) return known;
    const adapter = this.services.registry.adapter(vendor);
    if (!adapter.configured) throw new VendorNotConfiguredError(vendor);
    this.assertCredential(vendor);
    const api = adapter.connect(this.vendorTokens[vendor] ?? null, this.loaders, this.renewals[vendor] ?? null);
    this.apis[vendor] = api;
    return api;
  }

  /** Any vendor's API, as the unified resolvers see it (`vendorApi` for one vendor's own methods). */
  api(vendor: Vendor): VendorApi {
    return this.vendorApi(vendor);
  }

  /**
   * The vendor's API narrowed to `capability`, or a BAD_USER_INPUT error saying the vendor
   * lacks it (never an empty answer that looks like data).
   */
  capableApi<C extends Capability>(vendor: Vendor, capability: C): CapableApi<C> {
    const api = this.api(vendor);
    if (!hasCapability(api, capability)) throw missingCapabilityError(vendor, capability);
    return api;
  }

  /** A relink pending, or no credential of the caller's where the gateway's own may not stand in. */
  private assertCredential(vendor: Vendor): void {
    if (this.relinkRequired.has(vendor)) {
      throw relinkRequiredError(vendor);
    }
    const accounts = this.services.config.accounts;
    if (accounts?.enabled && !accounts.fallbackToGateway && !this.vendorTokens[vendor]) {
      throw new TributaryError(`Link a ${vendor} account (or send x-${vendorKey(vendor)}-token): this gateway does not lend its own`, 'UNAUTHENTICATED', vendor, { reason: 'LINK_REQUIRED' });
    }
  }

  /** Configured vendors, optionally narrowed to `only`, in the stable vendor order. */
  configuredVendors(only?: readonly Vendor[] | null): Vendor[] {
    return VENDORS.filter((v) => this.services.registry.adapter(v).configured && (!only?.length || only.includes(v)));
  }

  sourceOf(typename: string): EntitySource {
    const type = this.services.registry.type(typename);
    const source = type && this.api(type.vendor).sources.find((s) => s.typename === typename);
    if (!source) throw new Error(`No vendor serves ${typename}`);
    return source;
  }

  /** Records a vendor's failure inside an answer that goes on with the other vendors. */
  reportVendorError(vendor: Vendor, error: unknown, path: ReadonlyArray<string | number>): void {
    const known = error instanceof TributaryError ? error : null;
    this.partialErrors.push(
      new GraphQLError(known?.message ?? `${vendor} failed`, {
        path,
        originalError: error instanceof Error ? error : undefined,
        extensions: { code: known?.code ?? 'VENDOR_ERROR', vendor, ...known?.extensions },
      }),
    );
  }
}

/** Per-caller vendor credentials from `x-<vendor>-token` headers or WS connectionParams. */
export function vendorTokensFrom(get: (name: string) => unknown): VendorTokens {
  const tokens: VendorTokens = {};
  for (const vendor of VENDORS) {
    const value = get(`x-${vendorKey(vendor)}-token`);
    if (typeof value === 'string' && value.trim()) tokens[vendor] = value.trim();
  }
  return tokens;
}
