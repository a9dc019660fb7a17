import { Field, ID, InputType } from 'type-graphql';
import { VendorEnum } from './vendor.enum';

@InputType({ description: 'A new group at one vendor.' })
export class CreateGroupInput {
  @Field(() => VendorEnum)
  vendor!: VendorEnum;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Refused by vendors whose groups have none (IoTaaP).' })
  description?: string | null;
}

@InputType({ description: 'Changes to a group; fields left out keep their values.' })
export class UpdateGroupInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType({ description: 'Changes to a device; fields left out keep their values.' })
export class UpdateDeviceInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'Move into this group (same vendor); `null` removes it from its group.' })
  groupId?: string | null;
}
