import { MainfluxAdminResolver } from './mainflux-admin.resolver';
import { MainfluxOrgFieldsResolver, MainfluxThingFieldsResolver, MainfluxVendorStatusResolver } from './mainflux-fields.resolver';
import { MainfluxApiKeyIdsResolver, MainfluxGroupOwnerResolver, MainfluxOrgIdsResolver, MainfluxOrgMemberIdsResolver, MainfluxUserIdsResolver } from './mainflux-record-ids.resolver';
import { MainfluxThingsResolver } from './mainflux-things.resolver';

/** Mainflux's part of the schema. */
export const mainfluxResolvers = [
  MainfluxThingsResolver,
  MainfluxAdminResolver,
  MainfluxThingFieldsResolver,
  MainfluxOrgFieldsResolver,
  MainfluxUserIdsResolver,
  MainfluxOrgIdsResolver,
  MainfluxOrgMemberIdsResolver,
  MainfluxApiKeyIdsResolver,
  MainfluxGroupOwnerResolver,
  MainfluxVendorStatusResolver,
] as const;
