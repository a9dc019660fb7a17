import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Alert } from './alert.interface';
import { Node } from './node.interface';
import { DateTime, JSONObject } from './scalars';

export enum AlertEventKind {
  RAISED = 'RAISED',
  CLEARED = 'CLEARED',
}
registerEnumType(AlertEventKind, { name: 'AlertEventKind', description: 'Whether an alert started or ended.' });

@ObjectType({ simpleResolvers: true, description: 'An alert raised or cleared.' })
export class AlertEvent {
  @Field(() => AlertEventKind)
  kind!: AlertEventKind;

  @Field(() => Alert)
  alert!: Alert;

  @Field(() => DateTime)
  at!: Date;
}

@ObjectType({ simpleResolvers: true, description: "A change of a device's or thing's reported status." })
export class DeviceStatus {
  @Field(() => Node, { description: 'The device or thing.' })
  source!: Node;

  @Field(() => Boolean, { nullable: true })
  online!: boolean | null;

  @Field(() => Float, { nullable: true, description: 'Battery level in percent.' })
  batteryLevel!: number | null;

  @Field(() => DateTime, { nullable: true })
  lastSeenAt!: Date | null;

  @Field(() => DateTime)
  at!: Date;

  @Field(() => JSONObject, { description: 'The vendor payload, secrets redacted.' })
  raw!: Record<string, unknown>;
}
