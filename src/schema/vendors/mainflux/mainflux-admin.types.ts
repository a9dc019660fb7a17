import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../model/connection.type';
import { DateTime, JSONObject } from '../../model/scalars';

/*
 * `id` (a global id) and `nativeId` (the UUID) of MainfluxUser, MainfluxOrg and MainfluxApiKey,
 * and the user ids inside them, are resolved in mainflux-record-ids.resolver.ts from the records'
 * native ids.
 */

@ObjectType({ simpleResolvers: true, description: 'A Mainflux user account.' })
export class MainfluxUser {
  @Field(() => String, { description: 'The login e-mail.' })
  email!: string;

  @Field(() => JSONObject, { nullable: true, description: 'Free-form metadata of the user.' })
  metadata!: Record<string, unknown> | null;
}

@ObjectType({ simpleResolvers: true, description: 'A Mainflux organisation: users with roles, and groups.' })
export class MainfluxOrg {
  @Field(() => String, { description: 'Name of the org.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the org is for.' })
  description!: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'Free-form metadata of the org.' })
  metadata!: Record<string, unknown> | null;

  @Field(() => DateTime, { nullable: true, description: 'When the org was created.' })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When the org last changed.' })
  updatedAt!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: "A user's membership of an org." })
export class MainfluxOrgMember {
  @Field(() => String, { description: "The member's e-mail." })
  email!: string;

  @Field(() => String, { description: 'owner, admin, editor or viewer.' })
  role!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A Mainflux API key (type 2). `value` is only known right after issuing it.' })
export class MainfluxApiKey {
  @Field(() => String, { nullable: true, description: 'The key itself: a secret bearer token, returned once by `mainfluxIssueKey`.' })
  value!: string | null;

  @Field(() => String, { nullable: true, description: "The issuer's e-mail." })
  subject!: string | null;

  @Field(() => Int, { nullable: true, description: 'Mainflux key type (2: API key).' })
  type!: number | null;

  @Field(() => DateTime, { nullable: true, description: 'When the key was issued.' })
  issuedAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When the key stops working.' })
  expiresAt!: Date | null;
}

export enum MainfluxWebhookFormat {
  SENML = 'senml',
  JSON = 'json',
}
registerEnumType(MainfluxWebhookFormat, { name: 'MainfluxWebhookFormat', description: 'Payload format a webhook forwards.' });

@ObjectType({ simpleResolvers: true, description: "A webhook forwarding a thing's messages to another platform." })
export class MainfluxWebhook {
  @Field(() => String, { description: 'Name of the webhook.' })
  name!: string;

  @Field(() => MainfluxWebhookFormat, { description: 'Payload format forwarded.' })
  format!: MainfluxWebhookFormat;

  @Field(() => String, { description: 'Where messages are forwarded.' })
  url!: string;
}

export enum MainfluxLiveTransport {
  MQTT = 'MQTT',
  POLLING = 'POLLING',
}
registerEnumType(MainfluxLiveTransport, {
  name: 'MainfluxLiveTransport',
  valuesConfig: {
    MQTT: { description: 'Live messages arrive over the Mainflux MQTT adapter.' },
    POLLING: { description: 'No broker is reachable: live messages come from polling the readers.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'How Mainflux live data reaches this gateway instance.' })
export class MainfluxLiveStatus {
  @Field(() => MainfluxLiveTransport, { description: 'MQTT, or POLLING when no broker is reachable.' })
  transport!: MainfluxLiveTransport;

  @Field(() => String, { nullable: true, description: 'Why the gateway polls instead of using MQTT.' })
  reason!: string | null;

  @Field(() => Int, { description: 'Open MQTT connections (one per thing credential).' })
  connections!: number;
}

export const MainfluxUserConnection = ConnectionType('MainfluxUser', MainfluxUser);
export const MainfluxOrgConnection = ConnectionType('MainfluxOrg', MainfluxOrg);
export const MainfluxOrgMemberConnection = ConnectionType('MainfluxOrgMember', MainfluxOrgMember);
