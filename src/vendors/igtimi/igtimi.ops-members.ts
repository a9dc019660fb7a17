import type { NodeRecord } from '../../core/model';
import type { RecordLoader } from '../adapter';
import type { IgtimiApi } from './igtimi.api';
import type { IgtimiClient, IgtimiTarget } from './igtimi.client';
import * as map from './igtimi.mapper';
import * as m from './igtimi.model';

/** Igtimi users, group members and group permissions (the `igtimi…` member fields). */
export class IgtimiMemberOps {
  constructor(
    private readonly client: IgtimiClient,
    private readonly loader: RecordLoader,
    private readonly api: IgtimiApi,
  ) {}

  async account(): Promise<m.IgtimiUserRecord> {
    return map.mapIgtimiUser((await this.client.account()).user);
  }

  users(): Promise<m.IgtimiUserRecord[]> {
    return this.api.allUsers();
  }

  async user(id: number): Promise<m.IgtimiUserRecord> {
    return map.mapIgtimiUser((await this.client.getUser(id)).user);
  }

  /** A group's members with their permissions; `PUBLIC` when the group is public. */
  members(groupId: string): Promise<m.IgtimiMemberRecord[]> {
    return this.api.once(`members:${groupId}`, async () => (await this.client.listMembers(groupId)).members.map(map.mapIgtimiMember));
  }

  /** Members as nodes (users and groups) for `Group.members`: one members call, one users call. */
  async memberNodes(groupId: string): Promise<NodeRecord[]> {
    const members = await this.members(groupId);
    const users = members.some((x) => x.kind === 'USER') ? new Map((await this.users()).map((u) => [u.userId, u])) : new Map();
    const nodes = await Promise.all(
      members.map(async (member): Promise<NodeRecord | null> => {
        if (member.kind === 'USER') return users.get(member.id) ?? map.mapIgtimiUser({ id: member.id!, first_name: null, surname: null, email: null });
        if (member.kind === 'GROUP') return this.loader.load<m.IgtimiGroupRecord>(m.IGTIMI_GROUP, String(member.id)).catch(() => null);
        return null;
      }),
    );
    return nodes.filter((node): node is NodeRecord => node !== null);
  }

  async changeGroup(groupId: string, action: 'members.add' | 'members.remove' | 'grant_modify' | 'revoke_modify', target: IgtimiTarget): Promise<boolean> {
    return (await this.client.changeGroup(groupId, action, target)).success;
  }

  async setGroupPublic(groupId: string, visible: boolean): Promise<boolean> {
    return (await this.client.setGroupPublic(groupId, visible)).success;
  }
}
