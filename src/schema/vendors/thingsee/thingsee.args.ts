import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { KeysetPageArgs } from '../../model/keyset-page.args';
import { DateTime, JSONObject } from '../../model/scalars';

@ArgsType()
export class ThingseeMessageArgs {
  @Field(() => DateTime, { nullable: true, description: 'From this time (inclusive, whole seconds).' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Up to this time (inclusive, whole seconds).' })
  to?: Date | null;

  @Field(() => [Int], { nullable: true, description: 'Only these message ids (`tsmId`).' })
  messageIds?: number[] | null;

  @Field(() => [Int], { nullable: true, description: 'Only these event ids (`tsmEv`).' })
  eventIds?: number[] | null;

  @Field(() => Int, { nullable: true, description: 'How many, newest first for messages (default 20, at most the page maximum).' })
  first?: number | null;
}

@ArgsType()
export class ThingseeMessagePageArgs extends KeysetPageArgs {
  @Field(() => [Int], { nullable: true, description: 'Only these message ids (`tsmId`).' })
  messageIds?: number[] | null;

  @Field(() => [Int], { nullable: true, description: 'Only these event ids (`tsmEv`).' })
  eventIds?: number[] | null;
}

@ArgsType()
export class ThingseeAlertArgs {
  @Field(() => DateTime, { nullable: true, description: 'History from this time. Without `from` and `to`: only active alerts.' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'History up to this time.' })
  to?: Date | null;
}

@InputType({ description: 'A command for a Thingsee thing; `tsmId` must be 1500, 1501, 12200 or 13200.' })
export class ThingseeCommandInput {
  @Field(() => Int, { description: 'Message id (`tsmId`).' })
  tsmId!: number;

  @Field(() => Int, { description: 'Event id (`tsmEv`).' })
  tsmEv!: number;

  @Field(() => JSONObject, { nullable: true, description: 'Message-specific fields (e.g. `{"measurementInterval": 300}`).' })
  fields?: Record<string, unknown> | null;
}
