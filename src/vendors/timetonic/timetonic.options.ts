import { z } from 'zod';
import { milliseconds, optionField, urlOf } from '../option-fields';

/** TimeTonic's `TIMETONIC_<KEY>` settings, checked once by `loadConfig` (credentials: timetonic.auth.ts). */
export const timetonicOptions = z.object({
  /** How often a live book is polled. */
  POLL_INTERVAL_MS: optionField(milliseconds(50, 3_600_000), 5_000),
  /** The update socket; unset means polling only. */
  WS_URL: optionField(urlOf(['ws:', 'wss:'], 'a ws(s) URL'), null),
});

export type TimetonicOptions = z.output<typeof timetonicOptions>;
