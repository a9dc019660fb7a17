import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from './scalars';
import { VendorEnum } from './vendor.enum';

export enum VendorStateEnum {
  OK = 'OK',
  DEGRADED = 'DEGRADED',
  DOWN = 'DOWN',
  NOT_CONFIGURED = 'NOT_CONFIGURED',
}
registerEnumType(VendorStateEnum, {
  name: 'VendorState',
  valuesConfig: {
    OK: { description: 'The last calls succeeded.' },
    DEGRADED: { description: 'Recent calls failed or timed out; calls still go through.' },
    DOWN: { description: 'The circuit is open: calls fail fast until a probe succeeds.' },
    NOT_CONFIGURED: { description: 'No URL or credential is configured for this vendor.' },
  },
});

export enum CircuitStateEnum {
  CLOSED = 'CLOSED',
  OPEN = 'OPEN',
  HALF_OPEN = 'HALF_OPEN',
}
registerEnumType(CircuitStateEnum, { name: 'CircuitState', description: "State of the vendor's circuit breaker." });

@ObjectType({ simpleResolvers: true, description: 'How one vendor is doing, as seen by this gateway instance.' })
export class VendorStatus {
  @Field(() => VendorEnum)
  vendor!: VendorEnum;

  @Field(() => VendorStateEnum)
  state!: VendorStateEnum;

  @Field(() => Boolean)
  configured!: boolean;

  @Field(() => CircuitStateEnum)
  circuit!: CircuitStateEnum;

  @Field(() => String, { nullable: true, description: 'Code of the last availability failure.' })
  lastErrorCode!: string | null;

  @Field(() => DateTime, { nullable: true })
  lastSuccessAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  lastFailureAt!: Date | null;

  @Field(() => DateTime, { description: 'When `state` or `circuit` last changed.' })
  changedAt!: Date;
}
