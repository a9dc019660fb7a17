import { z } from 'zod';
import { milliseconds, optionField } from '../option-fields';

/**
 * Default of THINGSEE_LIST_CACHE_MS. Longer than Igtimi's: with no batch thing read, a walk
 * costs one call per thing, so walking 1000 things takes far more than 5 s at vendor pace, and
 * the group lists must outlive the walk. They change rarely, and this gateway's own writes drop
 * them at once.
 */
export const THINGSEE_LIST_CACHE_MS = 30_000;

/** How often live messages and alerts are polled by default. */
const DEFAULT_POLL_MS = 5_000;
const POLL_INTERVAL = milliseconds(50, 3_600_000);

/** Thingsee's `THINGSEE_<KEY>` settings, checked once by `loadConfig` (credentials: thingsee.auth.ts). */
export const thingseeOptions = z.object({
  POLL_INTERVAL_MS: optionField(POLL_INTERVAL, DEFAULT_POLL_MS),
  ALERT_POLL_INTERVAL_MS: optionField(POLL_INTERVAL, DEFAULT_POLL_MS),
  /** How long the unpaged group lists are reused across requests (0: never). */
  LIST_CACHE_MS: optionField(milliseconds(0), THINGSEE_LIST_CACHE_MS),
});

export type ThingseeOptions = z.output<typeof thingseeOptions>;
