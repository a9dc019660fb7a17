import { ThingseeGroupFieldsResolver, ThingseeThingFieldsResolver } from './thingsee-fields.resolver';
import { ThingseeResolver } from './thingsee.resolver';

/** Thingsee's part of the schema. */
export const thingseeResolvers = [ThingseeResolver, ThingseeThingFieldsResolver, ThingseeGroupFieldsResolver] as const;
