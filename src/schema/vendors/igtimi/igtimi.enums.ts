import { registerEnumType } from 'type-graphql';

export enum IgtimiPermissionKind {
  READ = 'READ',
  MODIFY = 'MODIFY',
}
registerEnumType(IgtimiPermissionKind, { name: 'IgtimiPermissionKind', description: 'Igtimi permission levels: read data, or modify (share) it.' });

export enum IgtimiBlobKind {
  DEVICE = 'DEVICE',
  GROUP = 'GROUP',
  SESSION = 'SESSION',
  RESOURCE = 'RESOURCE',
  USER = 'USER',
}
/** The path segment of each blob kind. */
export const BLOB_PATHS = { DEVICE: 'devices', GROUP: 'groups', SESSION: 'sessions', RESOURCE: 'resources', USER: 'users' } as const;
registerEnumType(IgtimiBlobKind, { name: 'IgtimiBlobKind', description: 'What an Igtimi blob belongs to (each kind has `…/:id/blob`).' });

export enum IgtimiMemberKind {
  USER = 'USER',
  GROUP = 'GROUP',
  PUBLIC = 'PUBLIC',
}
registerEnumType(IgtimiMemberKind, { name: 'IgtimiMemberKind', description: 'A group member: a user, another group, or the public.' });

export enum IgtimiImportState {
  ERROR = 'ERROR',
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
}
registerEnumType(IgtimiImportState, { name: 'IgtimiImportState', description: 'Where an imported .IPB file stands.' });

export enum IgtimiResponseType {
  CODE = 'CODE',
  TOKEN = 'TOKEN',
}
registerEnumType(IgtimiResponseType, { name: 'IgtimiResponseType', description: 'OAuth2 grant a front-end asks for at the authorize step.' });
