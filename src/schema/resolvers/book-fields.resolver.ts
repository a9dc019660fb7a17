import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import type { BookRecord, NodeRecord } from '../../core/model';
import { emptyKeysetSource, keysetPage } from '../../core/keyset-page';
import { BookMessage } from '../model/book-message.interface';
import { Book, BookTable, type BookMessagesCapability } from '../model/book.interface';
import { ConnectionType, KeysetCountResolver } from '../model/connection.type';
import { KeysetPageArgs } from '../model/keyset-page.args';

export const BookMessageConnection = ConnectionType('BookMessage', BookMessage);
export const BookMessageConnectionCount = KeysetCountResolver(BookMessageConnection);

/**
 * The `Book` fields with arguments, resolved generically: `Book.messages` through the vendor's
 * `bookMessages` (keyset paging), `Book.tables` through its `related`.
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
    const api = ctx.api(book.vendor) as Partial<BookMessagesCapability>;
    const source = api.bookMessages?.(book, search?.trim() || null);
    return keysetPage(source ?? emptyKeysetSource<NodeRecord>('Book.messages'), page, ctx.pageLimits);
  }

  @FieldResolver(() => [BookTable], { nullable: true, description: 'Tables kept in the book, with their fields and views.' })
  async tables(@Root() book: BookRecord, @Ctx() ctx: RequestContext) {
    const api = ctx.api(book.vendor);
    const page = await api.related?.(book, 'Book.tables', { offset: 0, limit: ctx.pageLimits.maxSize, search: null });
    return page?.items ?? [];
  }
}
