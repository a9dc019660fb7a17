import { Field, InputType, ObjectType } from 'type-graphql';
import { DateTime } from '../../model/scalars';

@ObjectType({ simpleResolvers: true, description: 'The IoTaaP account the credential belongs to.' })
export class IotaapUser {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field(() => String)
  role!: string;

  @Field(() => String, { description: 'Billing plan; it limits groups and devices.' })
  plan!: string;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;
}

@InputType({ description: 'Editable fields of the IoTaaP account; fields left out keep their values.' })
export class IotaapUserUpdateInput {
  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true })
  username?: string | null;
}
