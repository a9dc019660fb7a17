import { TimetonicFilesResolver } from './timetonic-files.resolver';
import { TimetonicLiveResolver } from './timetonic-live.resolver';
import { TimetonicMutationsResolver } from './timetonic-mutations.resolver';
import { TimetonicSystemResolver } from './timetonic-system.resolver';
import { TimetonicTableFieldsResolver } from './timetonic-table-fields.resolver';
import { TimetonicResolver } from './timetonic.resolver';
// Types only reached through interfaces must still be in the schema.
import './timetonic-book.type';
import './timetonic-message.type';

/** TimeTonic's part of the schema. */
export const timetonicResolvers = [
  TimetonicTableFieldsResolver,
  TimetonicResolver,
  TimetonicMutationsResolver,
  TimetonicSystemResolver,
  TimetonicFilesResolver,
  TimetonicLiveResolver,
] as const;
