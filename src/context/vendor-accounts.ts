import type { VendorLinkSummary } from '../accounts/vendor-link.store';
import { TributaryError } from '../core/errors';
import type { Vendor } from '../core/vendor';
import type { RequestContext } from './context';

/** The caller's links, as the schema shows them. */
export async function vendorAccounts(ctx: RequestContext): Promise<AccountView[]> {
  return (await service(ctx).list(ctx.caller)).map(view);
}

/** Links the caller's account at `vendor` with the vendor's flow; the inputs are used once. */
export async function linkVendorAccount(ctx: RequestContext, vendor: Vendor, input: Readonly<Record<string, string>>): Promise<AccountView> {
  return view(await service(ctx).link(ctx.caller, vendor, input));
}

/** Starts an OAuth2 link: the vendor's sign-in URL, its state bound to the caller. */
export function vendorAccountAuthorizeUrl(ctx: RequestContext, vendor: Vendor): Promise<string> {
  return service(ctx).authorizeUrl(ctx.caller, vendor);
}

export async function unlinkVendorAccount(ctx: RequestContext, vendor: Vendor): Promise<boolean> {
  return service(ctx).unlink(ctx.caller, vendor);
}

export interface AccountView {
  vendor: Vendor;
  label: string;
  linkedAt: Date;
  lastRefreshedAt: Date | null;
  state: VendorLinkSummary['state'];
}

function view(link: VendorLinkSummary): AccountView {
  return { vendor: link.vendor, label: link.label, linkedAt: link.linkedAt, lastRefreshedAt: link.refreshedAt, state: link.state };
}

function service(ctx: RequestContext) {
  const accounts = ctx.services.accounts;
  if (!accounts) throw new TributaryError('Linking vendor accounts is turned off on this gateway (ACCOUNTS_ENABLED=false)', 'FORBIDDEN');
  return accounts;
}
