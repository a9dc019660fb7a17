import { useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { useLive } from './live';
import { BOOK_MESSAGE_ADDED, BOOKS_QUERY, type Book, type BookMessage } from './operations';
import { VendorBanner } from './vendor-status';

const LATEST = 3;

/** TimeTonic books with unread counts and their latest messages, live from `bookMessageAdded`. */
export function BooksPanel() {
  const { data, previousData, loading } = useQuery(BOOKS_QUERY, { errorPolicy: 'all' });
  const books = (data ?? previousData)?.books.edges.map((edge) => edge.node) ?? [];
  return (
    <section className="panel books">
      <h2>Books</h2>
      <VendorBanner vendors={['TIMETONIC']} />
      <ul className="book-list">
        {books.map((book) => (
          <BookRow key={book.id} book={book} />
        ))}
        {books.length === 0 && <li className="empty">{loading ? 'Loading books…' : 'No books.'}</li>}
      </ul>
    </section>
  );
}

function BookRow({ book }: { book: Book }) {
  const [messages, setMessages] = useState<BookMessage[]>(book.lastMessage ? [book.lastMessage] : []);
  const [unread, setUnread] = useState(book.unreadCount ?? 0);
  const seen = useRef(new Set(messages.map((message) => message.nativeId)));
  useLive(BOOK_MESSAGE_ADDED, { bookId: book.id }, ({ bookMessageAdded: message }) => {
    // A new message is unread until someone reads it in TimeTonic; edits and deletions are not new.
    if (!seen.current.has(message.nativeId) && !message.deleted) setUnread((count) => count + 1);
    seen.current.add(message.nativeId);
    setMessages((current) => {
      const others = current.filter((entry) => entry.nativeId !== message.nativeId);
      return message.deleted ? others : [message, ...others].slice(0, LATEST);
    });
  });
  return (
    <li className="book" data-testid="book">
      <header>
        <strong>{book.title ?? book.code}</strong>
        <span className={unread > 0 ? 'unread' : 'unread none'} data-testid="unread">{unread}</span>
      </header>
      <ul className="messages">
        {messages.map((message) => (
          <li key={message.nativeId}>
            <span className="author">{message.author}</span> {message.text}
            <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleString()}</time>
          </li>
        ))}
      </ul>
    </li>
  );
}
