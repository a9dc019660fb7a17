import { Field, Float, ObjectType } from 'type-graphql';
import { JSONObject, DateTime } from './scalars';
import { VendorEnum } from './vendor.enum';

@ObjectType({ simpleResolvers: true, description: 'One data point, SenML-shaped: exactly one of value, stringValue, boolValue is set.' })
export class Measurement {
  @Field(() => VendorEnum)
  vendor!: VendorEnum;

  @Field(() => String, { description: 'Documented measurement name, e.g. `latitude`, `temperature`.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'SenML unit, e.g. `Cel`, `%`, `m/s`, `deg`.' })
  unit!: string | null;

  @Field(() => DateTime)
  time!: Date;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => String, { nullable: true })
  stringValue!: string | null;

  @Field(() => Boolean, { nullable: true })
  boolValue!: boolean | null;

  @Field(() => JSONObject, { description: 'The vendor payload this point came from, secrets redacted.' })
  raw!: Record<string, unknown>;
}
