import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { JSONObject } from '../../model/scalars';
import { MainfluxWebhookFormat } from './mainflux-admin.types';

@InputType({ description: 'A new Mainflux thing or channel.' })
export class MainfluxEntityInput {
  @Field(() => String, { nullable: true, description: 'An external id: must be a UUIDv4, unique in the Mainflux domain.' })
  id?: string | null;

  @Field(() => String, { description: 'Name of the thing or channel.' })
  name!: string;

  @Field(() => JSONObject, { nullable: true, description: 'Free-form metadata.' })
  metadata?: Record<string, unknown> | null;
}

@InputType({ description: 'Changes to a thing or channel; fields left out keep their values.' })
export class MainfluxEntityUpdateInput {
  @Field(() => String, { nullable: true, description: 'A new name.' })
  name?: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'Replaces the metadata.' })
  metadata?: Record<string, unknown> | null;
}

@InputType({ description: 'An org: name, description, metadata.' })
export class MainfluxOrgInput {
  @Field(() => String, { description: 'Name of the org.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the org is for.' })
  description?: string | null;

  @Field(() => JSONObject, { nullable: true, description: 'Free-form metadata of the org.' })
  metadata?: Record<string, unknown> | null;
}

export enum MainfluxOrgRole {
  OWNER = 'owner',
  ADMIN = 'admin',
  EDITOR = 'editor',
  VIEWER = 'viewer',
}
registerEnumType(MainfluxOrgRole, { name: 'MainfluxOrgRole', description: "A member's role in an org." });

@InputType({ description: 'A user (by e-mail) and their role in an org.' })
export class MainfluxOrgMemberInput {
  @Field(() => String, { description: 'E-mail of an existing Mainflux user.' })
  email!: string;

  @Field(() => MainfluxOrgRole, { description: 'The role in the org.' })
  role!: MainfluxOrgRole;
}

export enum MainfluxPolicyAction {
  READ = 'read',
  WRITE = 'write',
  DELETE = 'delete',
  ACCESS = 'access',
  MEMBER = 'member',
}
registerEnumType(MainfluxPolicyAction, { name: 'MainfluxPolicyAction', description: 'The predefined policies Mainflux allows.' });

@InputType({ description: 'Policies: every subject gets (or loses) every action on the object.' })
export class MainfluxPolicyInput {
  @Field(() => [ID], { description: 'Global ids of MainfluxUsers.' })
  subjects!: string[];

  @Field(() => ID, { description: 'Global id of the MainfluxThing, MainfluxChannel or MainfluxGroup the policies are about.' })
  object!: string;

  @Field(() => [MainfluxPolicyAction], { description: 'Actions to grant or take away.' })
  policies!: MainfluxPolicyAction[];
}

@InputType({ description: "A webhook for a thing's messages." })
export class MainfluxWebhookInput {
  @Field(() => String, { description: 'Name of the webhook.' })
  name!: string;

  @Field(() => MainfluxWebhookFormat, { description: 'Payload format to forward.' })
  format!: MainfluxWebhookFormat;

  @Field(() => String, { description: 'An http(s) URL.' })
  url!: string;
}

@InputType({ description: 'Things to connect to (or disconnect from) channels: every thing to every channel.' })
export class MainfluxConnectionInput {
  @Field(() => [ID], { description: 'MainfluxChannel ids.' })
  channelIds!: string[];

  @Field(() => [ID], { description: 'MainfluxThing ids.' })
  thingIds!: string[];
}
