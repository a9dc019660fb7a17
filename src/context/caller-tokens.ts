import type { Caller, GatewayServices, VendorTokens } from './context';
import type { Vendor } from '../core/vendor';
import type { TokenRenewal } from '../vendors/token-provider';

/** The credentials one operation uses, and the vendors whose link must be redone. */
export interface OperationTokens {
  tokens: VendorTokens;
  /** How to renew a linked token the vendor refuses mid-request (never for a header's token). */
  renewals: Partial<Record<Vendor, TokenRenewal>>;
  relinkRequired: ReadonlySet<Vendor>;
}

/**
 * An explicit `x-<vendor>-token` wins; else the caller's linked account (refreshed when due);
 * else, where the caller has no link, the gateway's own credential (if the operator allows it,
 * checked in `RequestContext.api`).
 */
export async function operationTokens(services: GatewayServices, caller: Caller, headerTokens: VendorTokens): Promise<OperationTokens> {
  const links = services.accounts ? await services.accounts.linksFor(caller) : null;
  if (!links) return { tokens: headerTokens, renewals: {}, relinkRequired: new Set() };
  const relinkRequired = new Set([...links.relinkRequired].filter((vendor) => !headerTokens[vendor]));
  const renewals = Object.fromEntries(Object.entries(links.renewals).filter(([vendor]) => !headerTokens[vendor as Vendor]));
  return { tokens: { ...links.tokens, ...headerTokens }, renewals, relinkRequired };
}
