import { IotaapDeviceFieldsResolver, IotaapGroupFieldsResolver } from './iotaap-fields.resolver';
import { IotaapResolver } from './iotaap.resolver';

/** IoTaaP's part of the schema. */
export const iotaapResolvers = [IotaapResolver, IotaapDeviceFieldsResolver, IotaapGroupFieldsResolver] as const;
