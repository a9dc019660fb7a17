import { ArgsType, Field, Int } from 'type-graphql';
import { DateTime } from './scalars';

@ArgsType()
export class MeasurementArgs {
  @Field(() => [String], { nullable: true, description: 'Only these measurement names; a name the source does not offer yields nothing and a `MEASUREMENT_NOT_OFFERED` note in `errors`.' })
  names?: string[] | null;

  @Field(() => DateTime, { nullable: true, description: 'From this time (inclusive).' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Up to this time (inclusive).' })
  to?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Only the latest N points per name.' })
  last?: number | null;
}
