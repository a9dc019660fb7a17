import { Field, Float, ObjectType } from 'type-graphql';
import { JSONObject, DateTime } from './scalars';
import { VendorEnum } from './vendor.enum';

@ObjectType({ simpleResolvers: true, description: 'One data point, SenML-shaped: exactly one of value, stringValue, boolValue is set.' })
export class Measurement {
  @Field(() => VendorEnum)
  vendor!: VendorEnum;

  @Field(() => String, { description: 'Documented measurement name, e.g. `latitude`, `temperature`.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The standard unit of the quantity (SenML: `m/s`, `Cel`, `%RH`, `ppm`, `%`, `m`, `Pa`; angles in `deg`); see docs/measurements.md.',
  })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: 'The unit as the vendor sent it, e.g. `kn` for an Igtimi speed.' })
  vendorUnit!: string | null;

  @Field(() => DateTime)
  time!: Date;

  @Field(() => Float, { nullable: true, description: 'The value in `unit`.' })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'The value as the vendor sent it, in `vendorUnit`.' })
  vendorValue!: number | null;

  @Field(() => String, { nullable: true })
  stringValue!: string | null;

  @Field(() => Boolean, { nullable: true })
  boolValue!: boolean | null;

  @Field(() => JSONObject, { description: 'The vendor payload this point came from, secrets redacted.' })
  raw!: Record<string, unknown>;
}
