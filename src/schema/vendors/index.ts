import { iotaapResolvers } from './iotaap';

/** Every vendor's own types and operations; a new vendor adds one line. */
export const vendorResolvers = [...iotaapResolvers] as const;
