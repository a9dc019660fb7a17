import { ThingseeGroupFieldsResolver, ThingseeThingFieldsResolver } from './thingsee-fields.resolver';
import { ThingseeMessageConnectionCount } from './thingsee-message.type';
import { ThingseeResolver } from './thingsee.resolver';

/** Thingsee's part of the schema. */
export const thingseeResolvers = [ThingseeResolver, ThingseeThingFieldsResolver, ThingseeGroupFieldsResolver, ThingseeMessageConnectionCount] as const;
