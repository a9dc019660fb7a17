import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from './scalars';
import { VendorEnum } from './vendor.enum';

export enum VendorAccountStateEnum {
  LINKED = 'LINKED',
  RELINK_REQUIRED = 'RELINK_REQUIRED',
}
registerEnumType(VendorAccountStateEnum, {
  name: 'VendorAccountState',
  valuesConfig: {
    LINKED: { description: "The gateway holds a working credential and refreshes it; the caller's requests to this vendor use it." },
    RELINK_REQUIRED: { description: "The vendor refused the refresh for good: link again. Until then the caller's requests to this vendor answer UNAUTHENTICATED with extensions.reason RELINK_REQUIRED." },
  },
});

@ObjectType({ simpleResolvers: true, description: "The caller's own account at one vendor, linked through the gateway. Its secrets never leave the gateway." })
export class VendorAccount {
  @Field(() => VendorEnum)
  vendor!: string;

  @Field({ description: "What the vendor calls the account: the e-mail, login or client id it was linked with." })
  label!: string;

  @Field(() => DateTime)
  linkedAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'When the gateway last obtained a fresh credential for it.' })
  lastRefreshedAt!: Date | null;

  @Field(() => VendorAccountStateEnum)
  state!: VendorAccountStateEnum;
}
