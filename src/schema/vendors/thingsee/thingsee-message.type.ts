import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType, KeysetCountResolver } from '../../model/connection.type';
import { Measurement } from '../../model/measurement.type';
import { DateTime, JSONObject } from '../../model/scalars';
import { ThingseeInstallationStatusEnum } from './thingsee-thing.type';

@ObjectType({ simpleResolvers: true, description: 'A message a Thingsee thing sent (`GET /things/{tuid}/messages`).' })
export class ThingseeMessage {
  @Field(() => Int, { description: 'Message id (`tsmId` = profile × 1000 + data id, e.g. 12100 environment).' })
  messageId!: number;

  @Field(() => Int, { description: 'Event id (`tsmEv`, e.g. 10 timed, 17/18 network up/down).' })
  eventId!: number;

  @Field(() => DateTime, { description: 'When it was sent (`tsmTs`).' })
  time!: Date;

  @Field(() => String, { nullable: true, description: 'Tuid of the gateway that relayed it (`tsmGw`).' })
  gatewayTuid!: string | null;

  @Field(() => String, { nullable: true, description: 'Deployment group of the thing when it was sent.' })
  deploymentGroupId!: string | null;

  @Field(() => [Measurement], { description: 'The message fields decoded through the message catalogue (empty for ids it does not know).' })
  measurements!: unknown[];

  @Field(() => JSONObject, { description: 'The message as received, secrets redacted.' })
  raw!: Record<string, unknown>;
}

/** `ThingseeThing.messagesConnection`: Thingsee cannot count messages, so `totalCount` is null. */
export const ThingseeMessageConnection = ConnectionType('ThingseeMessage', ThingseeMessage, { countable: false });
export const ThingseeMessageConnectionCount = KeysetCountResolver(ThingseeMessageConnection);

@ObjectType({ simpleResolvers: true, description: 'A command sent to a Thingsee thing.' })
export class ThingseeCommand {
  @Field(() => Int, { description: 'Message id (`tsmId`): 1500, 1501, 12200 or 13200.' })
  messageId!: number;

  @Field(() => Int, { description: 'Event id (`tsmEv`).' })
  eventId!: number;

  @Field(() => DateTime, { description: 'When it was sent (`tsmTs`).' })
  time!: Date;

  @Field(() => String, { description: 'Tuid of the thing it was sent to (`tsmDstTuid`).' })
  destinationTuid!: string;

  @Field(() => String, { nullable: true, description: 'Identity that sent it.' })
  responsible!: string | null;

  @Field(() => JSONObject, { description: 'The command as recorded, with its message-specific fields.' })
  raw!: Record<string, unknown>;
}

@ObjectType({ simpleResolvers: true, description: 'Commands sent in one `thingseeSendCommands`.' })
export class ThingseeCommandBatch {
  @Field(() => String, { nullable: true, description: 'Identity Thingsee recorded as the sender.' })
  responsible!: string | null;

  @Field(() => [ThingseeCommand], { description: 'The commands as Thingsee recorded them, in the order sent.' })
  commands!: ThingseeCommand[];
}

@ObjectType({ simpleResolvers: true, description: 'One entry of a Thingsee installation history.' })
export class ThingseeInstallation {
  @Field(() => ThingseeInstallationStatusEnum, { nullable: true, description: 'Null for a status the doc does not list (see `raw`).' })
  status!: ThingseeInstallationStatusEnum | null;

  @Field(() => DateTime, { description: 'When the status was set.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Identity that set it.' })
  responsible!: string | null;

  @Field(() => JSONObject, { description: 'The entry as received.' })
  raw!: Record<string, unknown>;
}
