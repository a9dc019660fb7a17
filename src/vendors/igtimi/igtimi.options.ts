import { z } from 'zod';
import { commaList, milliseconds, optionField } from '../option-fields';
import { LIST_CACHE_MS } from '../vendor-list-cache';

/** Default of IGTIMI_LIST_CACHE_MS: the vendor list cache's default (vendor-list-cache.ts). */
export const IGTIMI_LIST_CACHE_MS = LIST_CACHE_MS;

/** Default of IGTIMI_LIVE_OFFLINE_MS: a device silent this long is reported offline. */
export const IGTIMI_LIVE_OFFLINE_MS = 30_000;

/** Igtimi's `IGTIMI_<KEY>` settings, checked once by `loadConfig` (credentials: igtimi.auth.ts). */
export const igtimiOptions = z.object({
  /** Live WebSocket hosts allowed besides the base URL's (the server list comes from upstream, so it is checked). */
  WS_HOSTS: optionField(commaList(/^[A-Za-z0-9.-]+$/, 'host names (no scheme, no port)'), [] as readonly string[]),
  LIVE_OFFLINE_MS: optionField(milliseconds(100, 86_400_000), IGTIMI_LIVE_OFFLINE_MS),
  /** How long the account's device list, which Igtimi does not page, is reused across requests (0: never). */
  LIST_CACHE_MS: optionField(milliseconds(0), IGTIMI_LIST_CACHE_MS),
});

export type IgtimiOptions = z.output<typeof igtimiOptions>;
