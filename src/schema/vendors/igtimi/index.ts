import { IgtimiDeviceFieldsResolver, IgtimiGroupFieldsResolver, IgtimiSessionFieldsResolver } from './igtimi-fields.resolver';
import { IgtimiDataAccessWindowIdsResolver, IgtimiGroupMemberIdsResolver } from './igtimi-member-ids.resolver';
import { IgtimiFilesResolver } from './igtimi-files.resolver';
import { IgtimiMutationsResolver } from './igtimi-mutations.resolver';
import { IgtimiResolver } from './igtimi.resolver';

/** Igtimi's part of the schema. */
export const igtimiResolvers = [
  IgtimiResolver,
  IgtimiMutationsResolver,
  IgtimiFilesResolver,
  IgtimiDeviceFieldsResolver,
  IgtimiGroupFieldsResolver,
  IgtimiSessionFieldsResolver,
  IgtimiGroupMemberIdsResolver,
  IgtimiDataAccessWindowIdsResolver,
] as const;
