import { mainfluxInputError } from './mainflux.errors';
import { isMainfluxId, isUuidV4 } from './mainflux.model';
import type { MainfluxWireOrgMembers } from './mainflux.wire';

/** Input checks shared by the Mainflux operations: all run before any vendor call. */

/** A new thing or channel: an optional external UUIDv4 id, a name, optional metadata. */
export interface NewEntity {
  id?: string | null;
  name: string;
  metadata?: Record<string, unknown> | null;
}

/** Largest bulk the gateway sends in one call (Mainflux's page cap, for symmetry). */
export const MAX_BULK = 100;

export function checkName(name: string, argument = 'name'): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw mainfluxInputError(`\`${argument}\` must be 1 to 200 characters, not blank`, argument);
  return trimmed;
}

/** Every entity valid, ids UUIDv4 and distinct: a bulk create is refused whole, never half-sent. */
export function checkNewEntities(items: readonly NewEntity[], what: string): NewEntity[] {
  if (items.length === 0 || items.length > MAX_BULK) {
    throw mainfluxInputError(`Create 1 to ${MAX_BULK} ${what}s at once, but got ${items.length}`, 'input');
  }
  const ids = new Set<string>();
  return items.map((item, i) => {
    if (item.id != null) {
      if (!isUuidV4(item.id)) {
        throw mainfluxInputError(`${what} ${i}: an external id must be a UUIDv4 (xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx), but got "${item.id.slice(0, 60)}"`, 'input');
      }
      const id = item.id.toLowerCase();
      if (ids.has(id)) throw mainfluxInputError(`${what} ${i}: id ${id} appears twice in one request`, 'input');
      ids.add(id);
    }
    return { id: item.id?.toLowerCase() ?? null, name: checkName(item.name, `input[${i}].name`), metadata: item.metadata ?? null };
  });
}

export function checkIds(ids: readonly string[], argument: string, max = MAX_BULK): string[] {
  if (ids.length === 0 || ids.length > max) throw mainfluxInputError(`\`${argument}\` must name 1 to ${max} ids, but got ${ids.length}`, argument);
  for (const id of ids) if (!isMainfluxId(id)) throw mainfluxInputError(`"${id.slice(0, 60)}" is not a Mainflux id (a UUID)`, argument);
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

export function checkId(id: string, argument: string): string {
  return checkIds([id], argument)[0]!;
}

/** Org member roles. */
export const MAINFLUX_ORG_ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface OrgInput {
  name: string;
  description?: string | null;
  metadata?: Record<string, unknown> | null;
}

export interface OrgMemberInput {
  email: string;
  role: string;
}

export function orgBody(input: OrgInput) {
  return { name: checkName(input.name), ...(input.description ? { description: input.description } : {}), ...(input.metadata ? { metadata: input.metadata } : {}) };
}

export function memberBody(members: readonly OrgMemberInput[]): MainfluxWireOrgMembers {
  if (members.length === 0 || members.length > 100) throw mainfluxInputError(`Name 1 to 100 members, but got ${members.length}`, 'members');
  for (const member of members) {
    checkEmail(member.email);
    if (!(MAINFLUX_ORG_ROLES as readonly string[]).includes(member.role)) {
      throw mainfluxInputError(`Role "${member.role}" is not one of ${MAINFLUX_ORG_ROLES.join(', ')}`, 'members');
    }
  }
  return { members: members.map(({ email, role }) => ({ email, role })) };
}

export function checkEmail(email: string): void {
  if (!EMAIL.test(email) || email.length > 254) throw mainfluxInputError('`email` must be an e-mail address', 'email');
}

/** The doc: "password must contain at least 8 characters". */
export function checkPassword(password: string, argument: string): void {
  if (password.length < 8) throw mainfluxInputError('A Mainflux password must contain at least 8 characters', argument);
}

export function checkWebhookUrl(url: string, i: number): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) throw mainfluxInputError(`webhooks[${i}].url must be an http(s) URL`, 'webhooks');
  return url;
}
