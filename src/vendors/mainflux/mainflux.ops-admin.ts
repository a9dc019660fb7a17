import type { VendorPage } from '../../core/model';
import type { MainfluxAdminClient } from './mainflux.client-admin';
import type { MainfluxClient } from './mainflux.client';
import { mainfluxInputError } from './mainflux.errors';
import { checkEmail, checkId, checkIds, checkName, checkPassword, checkWebhookUrl, memberBody, orgBody } from './mainflux.checks';
import * as map from './mainflux.mapper';
import type * as m from './mainflux.model';
import type { OrgInput, OrgMemberInput } from './mainflux.checks';
import { MAINFLUX_MAX_PAGE, type MainfluxReads } from './mainflux.reads';
import type { MainfluxWirePolicies } from './mainflux.wire';

/** Policy actions the gateway lets through (the doc's "Predefined Policies"). */
export const MAINFLUX_POLICY_ACTIONS = ['read', 'write', 'delete', 'access', 'member'] as const;
/** Key types of `POST /keys`: 2 is an API key (the only one a client may issue). */
const API_KEY_TYPE = 2;

export interface WebhookInput {
  name: string;
  format: 'senml' | 'json';
  url: string;
}

/** Mainflux-only users, orgs, policies, API keys and webhooks; inputs checked before any call. */
export class MainfluxAdminOps {
  constructor(
    private readonly client: MainfluxClient,
    private readonly admin: MainfluxAdminClient,
    private readonly reads: MainfluxReads,
  ) {}

  async createUser(email: string, password: string): Promise<m.MainfluxUserRecord> {
    checkEmail(email);
    checkPassword(password, 'password');
    const id = await this.client.createUser({ email, password });
    return { id: id ?? '', email, metadata: null };
  }

  async user(id: string): Promise<m.MainfluxUserRecord> {
    return map.mapMainfluxUser(await this.client.getUser(checkId(id, 'id')));
  }

  async users(offset: number, limit: number): Promise<VendorPage<m.MainfluxUserRecord>> {
    const answer = await this.client.listUsers(page(offset, limit));
    return { items: answer.Users.map(map.mapMainfluxUser), total: answer.total };
  }

  async updateUser(metadata: Record<string, unknown>): Promise<boolean> {
    await this.client.updateUser(metadata);
    return true;
  }

  async changePassword(oldPassword: string, password: string): Promise<boolean> {
    checkPassword(password, 'password');
    if (oldPassword === password) throw mainfluxInputError('The new password must differ from the old one', 'password');
    await this.client.changePassword({ old_password: oldPassword, password });
    return true;
  }

  async createOrg(input: OrgInput): Promise<m.MainfluxOrgRecord> {
    const body = orgBody(input);
    const id = await this.admin.createOrg(body);
    // The 201 carries only a Location; one GET returns what Mainflux stored (owner, times).
    return id ? this.org(id) : { id: '', name: body.name, description: body.description ?? null, ownerId: null, metadata: body.metadata ?? null, createdAt: null, updatedAt: null };
  }

  async org(id: string): Promise<m.MainfluxOrgRecord> {
    return map.mapMainfluxOrg(await this.admin.getOrg(checkId(id, 'id')));
  }

  async orgs(offset: number, limit: number): Promise<VendorPage<m.MainfluxOrgRecord>> {
    const answer = await this.admin.listOrgs(page(offset, limit));
    return { items: answer.orgs.map(map.mapMainfluxOrg), total: answer.total };
  }

  async updateOrg(id: string, input: OrgInput): Promise<m.MainfluxOrgRecord> {
    await this.admin.updateOrg(checkId(id, 'id'), orgBody(input));
    return this.org(id);
  }

  async deleteOrg(id: string): Promise<boolean> {
    await this.admin.deleteOrg(checkId(id, 'id'));
    return true;
  }

  async orgMembers(id: string, offset: number, limit: number): Promise<VendorPage<m.MainfluxOrgMemberRecord>> {
    const answer = await this.admin.listOrgMembers(checkId(id, 'orgId'), page(offset, limit));
    return { items: answer.members.map(map.mapMainfluxOrgMember), total: answer.total };
  }

  async assignOrgMembers(id: string, members: readonly OrgMemberInput[]): Promise<boolean> {
    await this.admin.assignOrgMembers(checkId(id, 'orgId'), memberBody(members));
    return true;
  }

  async updateOrgMembers(id: string, members: readonly OrgMemberInput[]): Promise<boolean> {
    await this.admin.updateOrgMembers(checkId(id, 'orgId'), memberBody(members));
    return true;
  }

  async unassignOrgMembers(id: string, memberIds: readonly string[]): Promise<boolean> {
    await this.admin.unassignOrgMembers(checkId(id, 'orgId'), { member_ids: checkIds(memberIds, 'memberIds') });
    return true;
  }

  async orgGroups(id: string, offset: number, limit: number): Promise<VendorPage<m.MainfluxGroupRecord>> {
    const answer = await this.admin.listOrgGroups(checkId(id, 'orgId'), page(offset, limit));
    return { items: this.reads.primed(answer.groups.map(map.mapMainfluxGroup)), total: answer.total };
  }

  async assignOrgGroups(id: string, groupIds: readonly string[]): Promise<boolean> {
    await this.admin.assignOrgGroups(checkId(id, 'orgId'), { group_ids: checkIds(groupIds, 'groupIds') });
    return true;
  }

  async unassignOrgGroups(id: string, groupIds: readonly string[]): Promise<boolean> {
    await this.admin.unassignOrgGroups(checkId(id, 'orgId'), { group_ids: checkIds(groupIds, 'groupIds') });
    return true;
  }

  async memberships(memberId: string, offset: number, limit: number): Promise<VendorPage<m.MainfluxOrgRecord>> {
    const answer = await this.admin.listMemberships(checkId(memberId, 'memberId'), page(offset, limit));
    return { items: answer.orgs.map(map.mapMainfluxOrg), total: answer.total };
  }

  async changePolicies(action: 'add' | 'delete', subjects: readonly string[], object: string, policies: readonly string[]): Promise<boolean> {
    if (policies.length === 0) throw mainfluxInputError('Name at least one policy', 'policies');
    for (const policy of policies) {
      if (!(MAINFLUX_POLICY_ACTIONS as readonly string[]).includes(policy)) {
        throw mainfluxInputError(`Policy "${policy}" is not one of ${MAINFLUX_POLICY_ACTIONS.join(', ')}`, 'policies');
      }
    }
    const body: MainfluxWirePolicies = { subjects: checkIds(subjects, 'subjects'), object: checkId(object, 'object'), policies: [...new Set(policies)] };
    await (action === 'add' ? this.admin.addPolicies(body) : this.admin.deletePolicies(body));
    return true;
  }

  async issueKey(durationSeconds: number): Promise<m.MainfluxKeyRecord> {
    if (!Number.isInteger(durationSeconds) || durationSeconds < 1 || durationSeconds > 10 * 365 * 24 * 3600) {
      throw mainfluxInputError(`\`duration\` must be 1 s to 10 years in whole seconds, but got ${durationSeconds}`, 'duration');
    }
    return map.mapMainfluxIssuedKey(await this.admin.issueKey({ type: API_KEY_TYPE, duration: durationSeconds }));
  }

  async key(id: string): Promise<m.MainfluxKeyRecord> {
    return map.mapMainfluxKey(await this.admin.getKey(checkId(id, 'id')));
  }

  async revokeKey(id: string): Promise<boolean> {
    await this.admin.revokeKey(checkId(id, 'id'));
    return true;
  }

  /** `POST /webhooks/{thingId}` with every webhook at once; the 201 has no body, so the input is echoed. */
  async createWebhooks(thingId: string, webhooks: readonly WebhookInput[]): Promise<m.MainfluxWebhookRecord[]> {
    const thing = checkId(thingId, 'thingId');
    if (webhooks.length === 0 || webhooks.length > 100) throw mainfluxInputError(`Create 1 to 100 webhooks at once, but got ${webhooks.length}`, 'webhooks');
    const body = webhooks.map((hook, i) => ({ name: checkName(hook.name, `webhooks[${i}].name`), format: hook.format, url: checkWebhookUrl(hook.url, i) }));
    await this.admin.createWebhooks(thing, body);
    this.reads.memo.forget(`relation:webhooks/${thing}`);
    return body.map((hook) => map.mapMainfluxWebhook({ thing_id: thing, ...hook }));
  }
}

function page(offset: number, limit: number) {
  return { offset, limit: Math.min(limit, MAINFLUX_MAX_PAGE) };
}
