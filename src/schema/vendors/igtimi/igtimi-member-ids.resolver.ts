import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { encodeId } from '../../../core/ids';
import { IGTIMI_GROUP, IGTIMI_USER, type IgtimiDataAccessWindowRecord, type IgtimiMemberRecord } from '../../../vendors/igtimi';
import { IgtimiDataAccessWindow, IgtimiGroupMember } from './igtimi-common.types';

/** The global id of a user or group a membership or a window names: what `member.id` and `granteeId` take back. */
function memberGlobalId(kind: 'USER' | 'GROUP' | 'PUBLIC', id: number | null): string | null {
  if (kind === 'PUBLIC' || id === null) return null;
  return encodeId('IGTIMI', kind === 'USER' ? IGTIMI_USER : IGTIMI_GROUP, String(id));
}

@Resolver(() => IgtimiGroupMember)
export class IgtimiGroupMemberIdsResolver {
  @FieldResolver(() => ID, { nullable: true, description: 'Global id of the IgtimiUser or IgtimiGroup (what `IgtimiMemberInput.id` takes); null for PUBLIC.' })
  memberId(@Root() member: IgtimiMemberRecord): string | null {
    return memberGlobalId(member.kind, member.id);
  }
}

@Resolver(() => IgtimiDataAccessWindow)
export class IgtimiDataAccessWindowIdsResolver {
  @FieldResolver(() => ID, { description: 'Global id of the IgtimiUser or IgtimiGroup the window is shared with (what `granteeId` takes).' })
  granteeId(@Root() window: IgtimiDataAccessWindowRecord): string | null {
    return memberGlobalId(window.recipientKind, window.recipientId);
  }
}
