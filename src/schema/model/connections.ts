import { Alert } from './alert.interface';
import { Book } from './book.interface';
import { Channel } from './channel.interface';
import { ConnectionType } from './connection.type';
import { Device } from './device.interface';
import { Group } from './group.interface';
import { ListFilterInput } from './list-filter.input';
import { Node } from './node.interface';
import { Session } from './session.interface';
import { Thing } from './thing.interface';

export const NodeConnection = ConnectionType('Node', Node);
export const DeviceConnection = ConnectionType('Device', Device);
export const ThingConnection = ConnectionType('Thing', Thing);
export const GroupConnection = ConnectionType('Group', Group);
export const SessionConnection = ConnectionType('Session', Session);
export const ChannelConnection = ConnectionType('Channel', Channel);
export const BookConnection = ConnectionType('Book', Book);
export const AlertConnection = ConnectionType('Alert', Alert);

export const DeviceFilter = ListFilterInput('Device');
export const ThingFilter = ListFilterInput('Thing');
export const GroupFilter = ListFilterInput('Group');
export const SessionFilter = ListFilterInput('Session');
export const ChannelFilter = ListFilterInput('Channel');
export const BookFilter = ListFilterInput('Book');
export const AlertFilter = ListFilterInput('Alert');
