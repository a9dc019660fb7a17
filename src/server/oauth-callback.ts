import type { ServerResponse } from 'node:http';
import type { Logger } from '../core/logger';
import type { Vendor } from '../core/vendor';
import type { VendorAccounts } from '../accounts/vendor-accounts.service';
import { TributaryError } from '../core/errors';

export interface OAuthCallbackOptions {
  accounts: VendorAccounts | null;
  /** `ACCOUNTS_RETURN_URL`: where the browser goes after a link (`?vendor=&linked=`); null answers a small page. */
  returnUrl: string | null;
  logger: Logger;
}

/**
 * `GET /oauth/<vendor>/callback?code=&state=`: where the vendor's sign-in page sends the
 * user's browser. The state names the caller who asked (and is used up); the code is exchanged
 * and the link stored for that caller only. An unknown, used or expired state answers 400 and
 * stores nothing; so does a sign-in the user declined.
 */
export async function serveOAuthCallback(res: ServerResponse, vendor: Vendor, search: string, options: OAuthCallbackOptions): Promise<void> {
  const query = new URLSearchParams(search);
  const state = query.get('state');
  const code = query.get('code');
  if (!options.accounts) return page(res, 404, 'Linking vendor accounts is turned off on this gateway.');
  if (query.get('error')) return page(res, 400, `The ${vendor} sign-in did not complete (${query.get('error')}); nothing was linked.`);
  if (!state || !code) return page(res, 400, 'This callback needs both `code` and `state`; nothing was linked.');
  let linked: Awaited<ReturnType<VendorAccounts['completeAuthorization']>>;
  try {
    linked = await options.accounts.completeAuthorization(vendor, state, code);
  } catch (error) {
    const reason = error instanceof TributaryError ? error.code : 'INTERNAL_SERVER_ERROR';
    options.logger.warn({ vendor, code: reason }, 'an OAuth2 link failed at the code exchange');
    return finish(res, options.returnUrl, vendor, false, 502, `${vendor} did not accept the sign-in (${reason}); nothing was linked. Try linking again.`);
  }
  if (!linked) return page(res, 400, 'This link request is unknown, expired or already used; nothing was linked. Start linking again.');
  return finish(res, options.returnUrl, vendor, true, 200, `Your ${vendor} account ${linked.label} is linked. You may close this page.`);
}

function finish(res: ServerResponse, returnUrl: string | null, vendor: Vendor, linked: boolean, status: number, message: string): void {
  if (!returnUrl) return page(res, status, message);
  const target = new URL(returnUrl);
  target.searchParams.set('vendor', vendor);
  target.searchParams.set('linked', String(linked));
  res.writeHead(303, { location: target.toString(), 'cache-control': 'no-store' });
  res.end();
}

function page(res: ServerResponse, status: number, message: string): void {
  const body = `<!doctype html><meta charset="utf-8"><title>Tributary: account link</title><p>${escapeHtml(message)}</p>\n`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'" });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
