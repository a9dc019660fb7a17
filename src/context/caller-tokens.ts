import type { Caller, GatewayServices, VendorTokens } from './context';
import type { Vendor } from '../core/vendor';

/** The credentials one operation uses, and the vendors whose link must be redone. */
export interface OperationTokens {
  tokens: VendorTokens;
  relinkRequired: ReadonlySet<Vendor>;
}

/**
 * An explicit `x-<vendor>-token` wins; else the caller's linked account (refreshed when due);
 * else, where the caller has no link, the gateway's own credential (if the operator allows it,
 * checked in `RequestContext.api`).
 */
export async function operationTokens(services: GatewayServices, caller: Caller, headerTokens: VendorTokens): Promise<OperationTokens> {
  const links = services.accounts ? await services.accounts.linksFor(caller) : null;
  if (!links) return { tokens: headerTokens, relinkRequired: new Set() };
  const relinkRequired = new Set([...links.relinkRequired].filter((vendor) => !headerTokens[vendor]));
  return { tokens: { ...links.tokens, ...headerTokens }, relinkRequired };
}
