import { Alert } from '../model/alert.interface';
import { Book } from '../model/book.interface';
import { Channel } from '../model/channel.interface';
import * as c from '../model/connections';
import { Device } from '../model/device.interface';
import { Group } from '../model/group.interface';
import { Session } from '../model/session.interface';
import { Thing } from '../model/thing.interface';
import { createEntityQueriesResolver } from './entity-queries.resolver';

/** Root list + lookup resolvers for the seven unified kinds. */
export const entityQueryResolvers = [
  createEntityQueriesResolver({ kind: 'Device', iface: Device, connection: c.DeviceConnection, filter: c.DeviceFilter, plural: 'devices', singular: 'device' }),
  createEntityQueriesResolver({ kind: 'Thing', iface: Thing, connection: c.ThingConnection, filter: c.ThingFilter, plural: 'things', singular: 'thing' }),
  createEntityQueriesResolver({ kind: 'Group', iface: Group, connection: c.GroupConnection, filter: c.GroupFilter, plural: 'groups', singular: 'group' }),
  createEntityQueriesResolver({ kind: 'Session', iface: Session, connection: c.SessionConnection, filter: c.SessionFilter, plural: 'sessions', singular: 'session' }),
  createEntityQueriesResolver({ kind: 'Channel', iface: Channel, connection: c.ChannelConnection, filter: c.ChannelFilter, plural: 'channels', singular: 'channel' }),
  createEntityQueriesResolver({ kind: 'Book', iface: Book, connection: c.BookConnection, filter: c.BookFilter, plural: 'books', singular: 'book' }),
  createEntityQueriesResolver({ kind: 'Alert', iface: Alert, connection: c.AlertConnection, filter: c.AlertFilter, plural: 'alerts', singular: 'alert' }),
];
