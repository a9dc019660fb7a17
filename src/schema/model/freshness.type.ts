import { Field, Int, ObjectType } from 'type-graphql';
import { DateTime } from './scalars';

/**
 * How fresh a record is, in the data itself: `extensions` (where `sources` says the same) is
 * dropped by federation routers, so a client behind one still sees when it gets old data.
 */
@ObjectType({ simpleResolvers: true, description: 'How fresh a vendor record is: whether it is a stale stand-in served while its vendor fails, and how old.' })
export class Freshness {
  @Field(() => Boolean, { description: "True when the vendor failed and an older cached answer was served instead (stale-if-error)." })
  stale!: boolean;

  @Field(() => DateTime, { nullable: true, description: "When the vendor gave the oldest data this operation served from it; null when unknown (live events)." })
  fetchedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Milliseconds between `fetchedAt` and this answer; null when unknown.' })
  ageMs!: number | null;
}
