import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { relatedAll } from '../../context/entity-reads';
import type { BookRecord } from '../../core/model';
import { keysetPage } from '../../core/keyset-page';
import { BookMessage } from '../model/book-message.interface';
import { Book, BookTable } from '../model/book.interface';
import { ConnectionType, KeysetCountResolver } from '../model/connection.type';
import { KeysetPageArgs } from '../model/keyset-page.args';

export const BookMessageConnection = ConnectionType('BookMessage', BookMessage);
export const BookMessageConnectionCount = KeysetCountResolver(BookMessageConnection);

/**
 * The `Book` fields with arguments, resolved generically: `Book.messages` through the vendor's
 * `bookMessages` (keyset paging), `Book.tables` through its `relations`.
 */
@Resolver(() => Book)
export class BookFieldsResolver {
  @FieldResolver(() => BookMessageConnection, {
    nullable: true,
    description: 'Messages of the book, newest first; keyset-paged both ways (`first`/`after`, `last`/`before`) within `from`/`to`; `search` matches their text.',
  })
  messages(
    @Root() book: BookRecord,
    @Args(() => KeysetPageArgs) page: KeysetPageArgs,
    @Arg('search', () => String, { nullable: true, description: 'Vendor-side text search in the messages.' }) search: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const source = ctx.capableApi(book.vendor, 'bookMessages').bookMessages(book, search?.trim() || null);
    return keysetPage(source, page, ctx.pageLimits);
  }

  @FieldResolver(() => [BookTable], { nullable: true, description: 'Tables kept in the book, with their fields and views.' })
  tables(@Root() book: BookRecord, @Ctx() ctx: RequestContext) {
    return relatedAll(ctx, book, 'Book.tables');
  }
}
