import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { bookMessageFeed } from '../../../context/live-feeds';
import type { TimetonicMessageRecord } from '../../../vendors/timetonic';
import { BookMessage } from '../../model/book-message.interface';
import { bookKey } from './timetonic.checks';

/**
 * `bookMessageAdded(bookId)`: new and edited messages of a book. The id is checked and the
 * book loaded before the stream starts, so bad input or an unknown book fails the subscribe.
 * Like every subscription it goes through `context/live-feeds.ts`: one upstream poller per
 * (book, credential) for every subscriber, a bounded buffer per subscriber, fresh loaders per event.
 */
@Resolver()
export class TimetonicLiveResolver {
  @Subscription(() => BookMessage, {
    description: 'New and edited messages of a book, from the moment of subscribing (deletions arrive with `deleted: true`).',
    subscribe: async ({ args, context }) => {
      const id = (args as { bookId: string }).bookId;
      bookKey(id);
      return bookMessageFeed(context as RequestContext, id);
    },
  })
  bookMessageAdded(
    @Root() message: TimetonicMessageRecord,
    @Ctx() ctx: RequestContext,
    @Arg('bookId', () => ID, { description: 'Global id of a TimetonicBook.' }) _bookId: string,
  ): TimetonicMessageRecord {
    // Each event resolves with fresh loaders: no record cached hours ago reaches a client.
    ctx.renewLoaders();
    return message;
  }
}
