import { igtimiResolvers } from './igtimi';
import { iotaapResolvers } from './iotaap';
import { mainfluxResolvers } from './mainflux';
import { thingseeResolvers } from './thingsee';
import { timetonicResolvers } from './timetonic';

/** Every vendor's own types and operations; a new vendor adds one line. */
export const vendorResolvers = [...igtimiResolvers, ...iotaapResolvers, ...mainfluxResolvers, ...thingseeResolvers, ...timetonicResolvers] as const;
