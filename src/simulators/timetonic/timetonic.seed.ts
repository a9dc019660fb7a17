/**
 * Deterministic TimeTonic seed: six books with members (one the demo user cannot see), about
 * 300 messages with image and document metadata, and four smart tables with link fields (a
 * fleet maintenance log over its vehicles, an inventory over its suppliers). Drawn from a
 * seeded PRNG and a fixed base epoch, never the clock.
 */
import type { TimetonicWireMedia, TimetonicWireMessage } from '../../vendors/timetonic/timetonic.wire';
import { ALPHANUMERIC, createPrng, type Prng } from '../prng';
import { seedTables } from './timetonic.seed-tables';
import { TIMETONIC_BASE_EPOCH, type TimetonicSimBook, type TimetonicSimState, type TimetonicSimUser } from './timetonic.store';

/** The demo account the gateway logs in with (`createAppkey` → `createOauthkey` → `createSesskey`). */
export const TIMETONIC_DEMO_CREDENTIALS = Object.freeze({ appname: 'tributary', login: 'demo', password: 'demo-password' });

/** A session open from the start, for `TIMETONIC_OU` + `TIMETONIC_SESSKEY` configurations and tests. */
export const TIMETONIC_SEED_SESSION = Object.freeze({ ou: 'demo', sesskey: 'Tq7v-Rb2K-w9Lm-Xe4N-pZ3c-0' });


const USERS: TimetonicSimUser[] = [
  { u_c: 'demo', password: TIMETONIC_DEMO_CREDENTIALS.password, firstName: 'Demo', lastName: 'User', email: 'demo@tributary.local' },
  { u_c: 'manager', password: 'manager-password', firstName: 'Fleet', lastName: 'Manager', email: 'manager@tributary.local' },
  { u_c: 'storekeeper', password: 'storekeeper-password', firstName: 'Store', lastName: 'Keeper', email: 'storekeeper@tributary.local' },
  { u_c: 'sales', password: 'sales-password', firstName: 'Sales', lastName: 'Desk', email: 'sales@tributary.local' },
  { u_c: 'mechanic', password: 'mechanic-password', firstName: 'Workshop', lastName: 'Mechanic', email: 'mechanic@tributary.local' },
];

/** [owner, code, title, other members with right and invite state, message count, archived]. */
const BOOKS: Array<[string, string, string, Array<[string, number, string]>, number, boolean]> = [
  ['demo', 'fleet-ops', 'Fleet operations', [['mechanic', 2, 'accepted'], ['manager', 3, 'accepted']], 80, false],
  ['demo', 'inventory', 'Warehouse inventory', [['storekeeper', 2, 'accepted']], 60, false],
  ['demo', 'support', 'Customer support', [['manager', 2, 'accepted'], ['storekeeper', 2, 'accepted'], ['sales', 1, 'sent']], 70, false],
  ['manager', 'ws_messages', 'ws_messages', [['demo', 2, 'accepted'], ['storekeeper', 2, 'accepted']], 50, false],
  ['demo', 'archive-2022', 'Archive 2022', [], 30, true],
  ['sales', 'private', 'Private notes', [['manager', 2, 'accepted']], 12, false],
];

const WORDS = ['brake', 'tyre', 'oil', 'pallet', 'invoice', 'delivery', 'schedule', 'check', 'order', 'route', 'driver', 'stock', 'client', 'ticket'];

/** Fresh seeded state; each simulator gets its own copy to mutate. */
export function createTimetonicSeed(): TimetonicSimState {
  const random = createPrng(0x7117011c);
  const state: TimetonicSimState = {
    users: USERS.map((u) => ({ ...u })),
    books: [],
    tables: [],
    comments: new Map(),
    sstamp: 350_000,
    nextSmid: 346_000,
    nextRowId: 200_000,
    nextMediaId: 18_000,
    fileBytes: new Map(),
    cellFiles: new Map(),
    appkeys: new Map(),
    oauthkeys: new Map(),
    sessions: new Map([[TIMETONIC_SEED_SESSION.sesskey, TIMETONIC_SEED_SESSION.ou]]),
  };
  let time = TIMETONIC_BASE_EPOCH;
  for (const [owner, code, title, others, count, archived] of BOOKS) {
    const members = [{ u_c: owner, invite: 'accepted', right: 3 }, ...others.map(([u_c, right, invite]) => ({ u_c, right, invite }))];
    const unread = random.int(0, 12);
    const book: TimetonicSimBook = {
      b_o: owner,
      b_c: code,
      title,
      members,
      archived,
      favorite: code === 'fleet-ops',
      nbNotRead: Object.fromEntries(members.map((m) => [m.u_c, unread])),
      sstamp: 0,
      messages: [],
    };
    const authors = book.members.filter((m) => m.invite === 'accepted').map((m) => m.u_c);
    for (let i = 0; i < count; i += 1) {
      time += random.int(60, 3600);
      book.messages.push(seedMessage(state, random, random.pick(authors), time, i));
    }
    book.sstamp = book.messages.at(-1)?.sstamp ?? state.sstamp;
    state.books.push(book);
  }
  seedTables(state, random);
  return state;
}

/** Every secret in a seed (passwords, the open session key): none may reach a response or a log. */
export function timetonicSeedSecrets(state: TimetonicSimState = createTimetonicSeed()): string[] {
  return [...state.users.map((u) => u.password), ...state.sessions.keys()];
}

/** A new message as the simulator stores it (seed, `sendMsg`, the live generator). */
export function newMessage(state: TimetonicSimState, author: string, text: string, created: number, uuid: string): TimetonicWireMessage {
  state.sstamp += 1;
  state.nextSmid += 1;
  return {
    smid: state.nextSmid,
    uuid,
    sstamp: state.sstamp,
    u_c: author,
    msg: text,
    msgBody: '',
    msgBodyHTML: '',
    msgType: 'm',
    msgMethod: '_api',
    msgColor: '',
    del: false,
    created,
    lastModified: created,
    pid: 0,
    nbComments: 0,
    lastCommentId: state.nextSmid,
    nbMedias: 0,
    nbDocs: 0,
    nbEmailCids: 0,
    medias: [],
    docs: [],
  };
}

// Private:

function seedMessage(state: TimetonicSimState, random: Prng, author: string, created: number, index: number): TimetonicWireMessage {
  const text = `${random.pick(WORDS)} ${random.pick(WORDS)} #${index + 1}`;
  const message = newMessage(state, author, text, created, random.chars(40, ALPHANUMERIC));
  message.msgMethod = random.pick(['_app', '_mail', '_api']);
  if (message.msgMethod === '_mail') message.msgBody = `Mail body: ${text}`;
  if (random.next() < 0.25) message.medias = Array.from({ length: random.int(1, 3) }, (_, i) => seedFile(state, random, 'media', i));
  if (random.next() < 0.12) message.docs = [seedFile(state, random, 'doc', 0)];
  message.nbMedias = message.medias?.length ?? 0;
  message.nbDocs = message.docs?.length ?? 0;
  if (random.next() < 0.05) {
    message.event = { eventStart: created + 86_400, eventEnd: created + 90_000, eventTimezone: 'Europe/Paris', eventAllDay: false, isBusy: true };
  }
  return message;
}

function seedFile(state: TimetonicSimState, random: Prng, type: 'media' | 'doc', index: number): TimetonicWireMedia {
  state.nextMediaId += 1;
  const ext = type === 'media' ? random.pick(['jpg', 'png', 'jpeg']) : random.pick(['pdf', 'xlsx']);
  return {
    id: state.nextMediaId,
    ext,
    originName: `${type === 'media' ? 'photo' : 'report'} ${index + 1}.${ext}`,
    internName: `${random.chars(10, ALPHANUMERIC)}.${ext}`,
    uuid: random.chars(16, ALPHANUMERIC),
    size: random.int(10_000, 2_000_000),
    type,
    emailCid: '',
    del: false,
  };
}
