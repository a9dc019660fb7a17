import { z } from 'zod';
import { matching, optionField } from '../option-fields';

/** IoTaaP's `IOTAAP_<KEY>` settings, checked once by `loadConfig` (credentials: iotaap.auth.ts). */
export const iotaapOptions = z.object({
  /** The scheme word before the token in `Authorization` (an HTTP token: letters, digits, `-`, `.`, …). */
  AUTH_SCHEME: optionField(matching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'one word, as an HTTP auth scheme (e.g. Bearer)'), 'Bearer'),
});

export type IotaapOptions = z.output<typeof iotaapOptions>;
