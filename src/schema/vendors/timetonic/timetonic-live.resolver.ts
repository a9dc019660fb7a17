import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { loadById } from '../../../context/entity-reads';
import type { TimetonicApi, TimetonicBookRecord, TimetonicMessageRecord } from '../../../vendors/timetonic';
import { BookMessage } from '../../model/book-message.interface';
import { bookKey } from './timetonic.checks';

/**
 * `bookMessageAdded(bookId)`: new and edited messages of a book. The id is checked and the
 * book loaded before the stream starts, so bad input or an unknown book fails the subscribe.
 * The live layer runs one upstream poller per (book, credential) for every subscriber.
 */
@Resolver()
export class TimetonicLiveResolver {
  @Subscription(() => BookMessage, {
    description: 'New and edited messages of a book, from the moment of subscribing (deletions arrive with `deleted: true`).',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      const id = (args as { bookId: string }).bookId;
      bookKey(id);
      const book = (await loadById(ctx, id, 'Book')) as TimetonicBookRecord;
      const api = ctx.api(book.vendor) as TimetonicApi;
      return ctx.services.live.subscribe<TimetonicMessageRecord>({
        key: `${book.vendor}:bookMessages:${ctx.credentialKey(book.vendor)}:${book.typename}:${book.nativeId}`,
        vendor: book.vendor,
        start: () => api.messageFeed(book),
      });
    },
  })
  bookMessageAdded(
    @Root() message: TimetonicMessageRecord,
    @Arg('bookId', () => ID, { description: 'Global id of a TimetonicBook.' }) _bookId: string,
  ): TimetonicMessageRecord {
    return message;
  }
}
