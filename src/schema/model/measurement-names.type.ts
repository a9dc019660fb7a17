import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';

@ObjectType({ simpleResolvers: true, description: 'A measurement name a source offers, with its unit.' })
export class MeasurementName {
  @Field(() => String, { description: 'The name to pass in `names`, e.g. `temperature`, `sog`.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The standard unit its points come in (`Measurement.unit`).' })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: 'The unit the vendor gives it in (`Measurement.vendorUnit`).' })
  vendorUnit!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What one source (device, thing or channel) offers to `measurements(names)`.' })
export class SourceMeasurementNames {
  @Field(() => Node, { description: 'The device, thing or channel asked about.' })
  source!: Node;

  @Field(() => [MeasurementName], { description: 'Its names, empty for a source without data.' })
  names!: MeasurementName[];
}
