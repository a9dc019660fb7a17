import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import type { BookRecord, NodeRecord } from '../../../core/model';
import { singleVendorPage } from '../../../core/pagination';
import { BookMessage } from '../../model/book-message.interface';
import { Book, BookTable } from '../../model/book.interface';
import { ConnectionType } from '../../model/connection.type';
import { PageArgs } from '../../model/page.args';

export const BookMessageConnection = ConnectionType('BookMessage', BookMessage);

/**
 * The `Book` fields with arguments, resolved generically through the vendor's `related`
 * (`Book.messages`, `Book.tables`), so another book vendor would only implement `related`.
 */
@Resolver(() => Book)
export class BookFieldsResolver {
  @FieldResolver(() => BookMessageConnection, { nullable: true, description: 'Messages of the book, newest first, paged; `search` matches their text.' })
  messages(
    @Root() book: BookRecord,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('search', () => String, { nullable: true, description: "Vendor-side text search in the messages." }) search: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const api = ctx.api(book.vendor);
    const text = search?.trim() || null;
    return singleVendorPage<NodeRecord>(
      {
        key: 'BookMessage',
        vendor: book.vendor,
        fetch: (offset, limit) => api.related?.(book, 'Book.messages', { offset, limit, search: text }) ?? Promise.resolve({ items: [], total: 0 }),
      },
      page,
      ctx.pageLimits,
    );
  }

  @FieldResolver(() => [BookTable], { nullable: true, description: 'Tables kept in the book, with their fields and views.' })
  async tables(@Root() book: BookRecord, @Ctx() ctx: RequestContext) {
    const api = ctx.api(book.vendor);
    const page = await api.related?.(book, 'Book.tables', { offset: 0, limit: ctx.pageLimits.maxSize, search: null });
    return page?.items ?? [];
  }
}
