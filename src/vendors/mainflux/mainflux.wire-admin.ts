/**
 * Mainflux payloads of groups, orgs, policies, API keys and webhooks, as documented
 * (shared/vendor-api/mainflux.txt). Types only; re-exported by mainflux.wire.ts.
 */
import type { MainfluxWirePage, MainfluxWireThing } from './mainflux.wire';

export interface MainfluxWireGroup {
  id: string;
  name: string;
  owner_id?: string;
  description?: string;
  metadata?: Record<string, unknown>;
  created_at?: string;
  updated_at?: string;
}

export interface MainfluxWireGroupCreate {
  name: string;
  description?: string;
  metadata?: Record<string, unknown>;
}

export interface MainfluxWireGroupList extends MainfluxWirePage {
  name?: string;
  groups: MainfluxWireGroup[];
}

/** `GET /groups/{id}/members`: members are things, key included. */
export interface MainfluxWireGroupMembers extends MainfluxWirePage {
  name?: string;
  members: MainfluxWireThing[];
}

export interface MainfluxWireGroupMemberIds {
  members: string[];
}

export interface MainfluxWireOrg {
  id: string;
  name: string;
  owner_id?: string;
  description?: string;
  metadata?: Record<string, unknown>;
  created_at?: string;
  updated_at?: string;
}

export interface MainfluxWireOrgCreate {
  name: string;
  description?: string;
  metadata?: Record<string, unknown>;
}

export interface MainfluxWireOrgList extends MainfluxWirePage {
  name?: string;
  orgs: MainfluxWireOrg[];
}

export interface MainfluxWireOrgMember {
  id?: string;
  email: string;
  role: string;
}

export interface MainfluxWireOrgMemberList extends MainfluxWirePage {
  name?: string;
  members: MainfluxWireOrgMember[];
}

export interface MainfluxWireOrgMembers {
  members: Array<{ email: string; role: string }>;
}

export interface MainfluxWireMemberIds {
  member_ids: string[];
}

export interface MainfluxWireGroupIds {
  group_ids: string[];
}

/** `POST /policies` and `PUT /policies` (delete). */
export interface MainfluxWirePolicies {
  subjects: string[];
  object: string;
  policies: string[];
}

/** `POST /keys`: type 2 is an API key; duration in seconds. */
export interface MainfluxWireKeyRequest {
  type: number;
  duration: number;
}

/** `POST /keys` answer: `value` is the key itself (a secret). */
export interface MainfluxWireIssuedKey {
  id: string;
  value: string;
  issued_at: string;
  expires_at?: string;
}

export interface MainfluxWireKey {
  id: string;
  issuer_id: string;
  subject: string;
  type: number;
  issued_at: string;
  expires_at?: string;
}

export interface MainfluxWireWebhookCreate {
  name: string;
  format: 'senml' | 'json';
  url: string;
}

export interface MainfluxWireWebhook extends MainfluxWireWebhookCreate {
  thing_id: string;
}

export interface MainfluxWireWebhookList {
  webhooks: MainfluxWireWebhook[];
}
