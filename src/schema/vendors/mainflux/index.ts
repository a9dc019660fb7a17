import { MeasurementConnectionCount } from '../../model/channel.interface';
import { ChannelMessagesResolver } from './channel-messages.resolver';
import { MainfluxAdminResolver } from './mainflux-admin.resolver';
import { MainfluxOrgFieldsResolver, MainfluxThingFieldsResolver, MainfluxVendorStatusResolver } from './mainflux-fields.resolver';
import { MainfluxApiKeyIdsResolver, MainfluxGroupOwnerResolver, MainfluxOrgIdsResolver, MainfluxOrgMemberIdsResolver, MainfluxUserIdsResolver } from './mainflux-record-ids.resolver';
import { MainfluxThingsResolver } from './mainflux-things.resolver';

/** Mainflux's part of the schema, and the generic `Channel.messages` (Mainflux is its first vendor). */
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
  ChannelMessagesResolver,
  MeasurementConnectionCount,
] as const;
