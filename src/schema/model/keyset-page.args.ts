import { ArgsType, Field, Int } from 'type-graphql';
import { DateTime } from './scalars';

/**
 * Paging of lists that change while they are read (messages, histories): keyset cursors, so
 * items arriving between pages are never repeated or skipped. Newest first.
 */
@ArgsType()
export class KeysetPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size walking towards older items (default 20, at most 100: more is an error).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page: the items older than it.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size walking towards newer items (default 20, at most 100); not with `first`/`after`.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: '`pageInfo.startCursor` of a page: the items newer than it.' })
  before?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Only items from this time on (inclusive).' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Only items up to this time (inclusive).' })
  to?: Date | null;
}
