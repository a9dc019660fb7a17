import { locationId, type MainfluxCaller } from './mainflux.client-call';
import { query } from './mainflux.client';
import * as s from './mainflux.schemas';
import type * as w from './mainflux.wire';

/** One method per Mainflux endpoint of groups, orgs, policies, API keys and webhooks. */
export class MainfluxAdminClient {
  constructor(private readonly caller: MainfluxCaller) {}

  // Groups (of things).

  async createGroup(body: w.MainfluxWireGroupCreate): Promise<string | null> {
    return locationId(await this.caller.userRaw('groups.create', { method: 'POST', path: ['groups'], json: body }));
  }

  getGroup(id: string): Promise<w.MainfluxWireGroup> {
    return this.caller.user('groups.get', s.groupSchema, { method: 'GET', path: ['groups', id] });
  }

  listGroups(params: w.MainfluxWireListParams): Promise<w.MainfluxWireGroupList> {
    return this.caller.user('groups.list', s.groupListSchema, { method: 'GET', path: ['groups'], query: query(params) });
  }

  async updateGroup(id: string, body: w.MainfluxWireGroupCreate): Promise<void> {
    await this.caller.userRaw('groups.update', { method: 'PUT', path: ['groups', id], json: body, idempotent: true });
  }

  async deleteGroup(id: string): Promise<void> {
    await this.caller.userRaw('groups.delete', { method: 'DELETE', path: ['groups', id] });
  }

  listGroupMembers(id: string, params: w.MainfluxWireListParams): Promise<w.MainfluxWireGroupMembers> {
    return this.caller.user('groups.members', s.groupMembersSchema, { method: 'GET', path: ['groups', id, 'members'], query: query(params) });
  }

  async assignGroupMembers(id: string, body: w.MainfluxWireGroupMemberIds): Promise<void> {
    await this.caller.userRaw('groups.assign', { method: 'POST', path: ['groups', id, 'members'], json: body, idempotent: true });
  }

  async unassignGroupMembers(id: string, body: w.MainfluxWireGroupMemberIds): Promise<void> {
    await this.caller.userRaw('groups.unassign', { method: 'DELETE', path: ['groups', id, 'members'], json: body });
  }

  /** Groups a thing belongs to (doc: "List memberships", `GET /things/{id}/groups`). */
  listThingGroups(thingId: string, params: w.MainfluxWireListParams): Promise<w.MainfluxWireGroupList> {
    return this.caller.user('things.groups', s.groupListSchema, { method: 'GET', path: ['things', thingId, 'groups'], query: query(params) });
  }

  // Orgs.

  async createOrg(body: w.MainfluxWireOrgCreate): Promise<string | null> {
    return locationId(await this.caller.userRaw('orgs.create', { method: 'POST', path: ['orgs'], json: body }));
  }

  getOrg(id: string): Promise<w.MainfluxWireOrg> {
    return this.caller.user('orgs.get', s.orgSchema, { method: 'GET', path: ['orgs', id] });
  }

  listOrgs(params: w.MainfluxWireListParams): Promise<w.MainfluxWireOrgList> {
    return this.caller.user('orgs.list', s.orgListSchema, { method: 'GET', path: ['orgs'], query: query(params) });
  }

  async updateOrg(id: string, body: w.MainfluxWireOrgCreate): Promise<void> {
    await this.caller.userRaw('orgs.update', { method: 'PUT', path: ['orgs', id], json: body, idempotent: true });
  }

  async deleteOrg(id: string): Promise<void> {
    await this.caller.userRaw('orgs.delete', { method: 'DELETE', path: ['orgs', id] });
  }

  async assignOrgMembers(id: string, body: w.MainfluxWireOrgMembers): Promise<void> {
    await this.caller.userRaw('orgs.assignMembers', { method: 'POST', path: ['orgs', id, 'members'], json: body });
  }

  async unassignOrgMembers(id: string, body: w.MainfluxWireMemberIds): Promise<void> {
    await this.caller.userRaw('orgs.unassignMembers', { method: 'DELETE', path: ['orgs', id, 'members'], json: body });
  }

  async updateOrgMembers(id: string, body: w.MainfluxWireOrgMembers): Promise<void> {
    await this.caller.userRaw('orgs.updateMembers', { method: 'PUT', path: ['orgs', id, 'members'], json: body, idempotent: true });
  }

  listOrgMembers(id: string, params: w.MainfluxWireListParams): Promise<w.MainfluxWireOrgMemberList> {
    return this.caller.user('orgs.members', s.orgMemberListSchema, { method: 'GET', path: ['orgs', id, 'members'], query: query(params) });
  }

  async assignOrgGroups(id: string, body: w.MainfluxWireGroupIds): Promise<void> {
    await this.caller.userRaw('orgs.assignGroups', { method: 'POST', path: ['orgs', id, 'groups'], json: body, idempotent: true });
  }

  async unassignOrgGroups(id: string, body: w.MainfluxWireGroupIds): Promise<void> {
    await this.caller.userRaw('orgs.unassignGroups', { method: 'DELETE', path: ['orgs', id, 'groups'], json: body });
  }

  listOrgGroups(id: string, params: w.MainfluxWireListParams): Promise<w.MainfluxWireGroupList> {
    return this.caller.user('orgs.groups', s.groupListSchema, { method: 'GET', path: ['orgs', id, 'groups'], query: query(params) });
  }

  listMemberships(memberId: string, params: w.MainfluxWireListParams): Promise<w.MainfluxWireOrgList> {
    return this.caller.user('orgs.memberships', s.orgListSchema, { method: 'GET', path: ['members', memberId, 'orgs'], query: query(params) });
  }

  // Policies (admin only).

  async addPolicies(body: w.MainfluxWirePolicies): Promise<void> {
    await this.caller.userRaw('policies.add', { method: 'POST', path: ['policies'], json: body, idempotent: true });
  }

  /** The doc deletes policies with `PUT /policies`. */
  async deletePolicies(body: w.MainfluxWirePolicies): Promise<void> {
    await this.caller.userRaw('policies.delete', { method: 'PUT', path: ['policies'], json: body, idempotent: true });
  }

  // API keys.

  issueKey(body: w.MainfluxWireKeyRequest): Promise<w.MainfluxWireIssuedKey> {
    return this.caller.user('keys.issue', s.issuedKeySchema, { method: 'POST', path: ['keys'], json: body });
  }

  getKey(id: string): Promise<w.MainfluxWireKey> {
    return this.caller.user('keys.get', s.keySchema, { method: 'GET', path: ['keys', id] });
  }

  async revokeKey(id: string): Promise<void> {
    await this.caller.userRaw('keys.revoke', { method: 'DELETE', path: ['keys', id] });
  }

  // Webhooks.

  async createWebhooks(thingId: string, body: w.MainfluxWireWebhookCreate[]): Promise<void> {
    await this.caller.userRaw('webhooks.create', { method: 'POST', path: ['webhooks', thingId], json: body });
  }

  listWebhooks(thingId: string): Promise<w.MainfluxWireWebhookList> {
    return this.caller.user('webhooks.list', s.webhookListSchema, { method: 'GET', path: ['webhooks', thingId] });
  }
}
