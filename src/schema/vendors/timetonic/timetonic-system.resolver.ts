import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { TimetonicBook } from './timetonic-book.type';
import { TimetonicUserInfo } from './timetonic-results.type';
import { TimetonicBookParam, TimetonicUserInfoParam } from './timetonic-system.enums';
import { bookKey, bookParamValue, userInfoValue } from './timetonic.checks';
import { timetonic } from './timetonic.resolver';

const BOOK_ID = { description: 'Global id of a TimetonicBook.' } as const;

/**
 * TimeTonic system messages (socket frame 11, acknowledged by 12): the state changes TimeTonic
 * offers only on its socket. Each sends one frame, waits for the ack, then reads back what it
 * changed, so the answer shows the new state. Needs `TIMETONIC_WS_URL`.
 */
@Resolver()
export class TimetonicSystemResolver {
  @Mutation(() => TimetonicBook, { description: "Clears the book's unread count for the user (system message `clearNotRead`); answers the book." })
  async timetonicClearNotRead(@Arg('bookId', () => ID, BOOK_ID) bookId: string, @Ctx() ctx: RequestContext) {
    const book = bookKey(bookId);
    await timetonic(ctx).systemMessage({ msg: 'clearNotRead', book });
    return timetonic(ctx).freshBook(book);
  }

  @Mutation(() => TimetonicBook, {
    description: 'Accepts a pending invitation to a book (system message `acceptInvitation`); answers the book, now readable.',
  })
  async timetonicAcceptInvitation(@Arg('bookId', () => ID, BOOK_ID) bookId: string, @Ctx() ctx: RequestContext) {
    const book = bookKey(bookId);
    await timetonic(ctx).systemMessage({ msg: 'acceptInvitation', book });
    return timetonic(ctx).freshBook(book);
  }

  @Mutation(() => Boolean, { description: 'Records that the user opened a book (system message `logOpenBook`); TimeTonic asks apps to send it on every open.' })
  async timetonicLogOpenBook(@Arg('bookId', () => ID, BOOK_ID) bookId: string, @Ctx() ctx: RequestContext) {
    await timetonic(ctx).systemMessage({ msg: 'logOpenBook', book: bookKey(bookId) });
    return true;
  }

  @Mutation(() => TimetonicBook, { description: 'Changes a book parameter (system message `updateBookParam`); answers the book.' })
  async timetonicUpdateBookParam(
    @Arg('bookId', () => ID, BOOK_ID) bookId: string,
    @Arg('param', () => TimetonicBookParam) param: TimetonicBookParam,
    @Arg('value', () => String, { description: 'The new value: text for `TITLE`, `true`/`false` otherwise.' }) value: string,
    @Ctx() ctx: RequestContext,
  ) {
    const book = bookKey(bookId);
    await timetonic(ctx).systemMessage({ msg: 'updateBookParam', book, param, value: bookParamValue(param, value) });
    return timetonic(ctx).freshBook(book);
  }

  @Mutation(() => TimetonicUserInfo, { description: "Changes one of the user's own details (system message `updateUserInfo`); answers the user." })
  async timetonicUpdateUserInfo(
    @Arg('param', () => TimetonicUserInfoParam) param: TimetonicUserInfoParam,
    @Arg('value', () => String) value: string,
    @Ctx() ctx: RequestContext,
  ) {
    await timetonic(ctx).systemMessage({ msg: 'updateUserInfo', param, value: userInfoValue(param, value) });
    return timetonic(ctx).userInfo();
  }
}
