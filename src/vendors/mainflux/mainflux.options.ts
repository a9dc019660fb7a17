import { z } from 'zod';
import { anyText, milliseconds, optionField, urlOf } from '../option-fields';

/** Mainflux's `MAINFLUX_<KEY>` settings, checked once by `loadConfig` (credentials: mainflux.auth.ts). */
export const mainfluxOptions = z.object({
  /** The MQTT adapter live feeds subscribe to; unset, live feeds poll. */
  MQTT_URL: optionField(urlOf(['mqtt:', 'mqtts:', 'ws:', 'wss:']), null),
  MQTT_TOPIC_PREFIX: optionField(anyText(), ''),
  /** How often a live channel is polled when MQTT is unset or unreachable. */
  POLL_INTERVAL_MS: optionField(milliseconds(50, 600_000), 5_000),
});

export type MainfluxOptions = z.output<typeof mainfluxOptions>;
