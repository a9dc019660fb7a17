import { BadUserInputError, NotFoundError } from '../../core/errors';
import type { KeysetSource } from '../../core/keyset-page';
import type { RecordLoader } from '../adapter';
import type { ThingseeClient } from './thingsee.client';
import { installationStatus, mapThingseeCommand, mapThingseeInstallation, mapThingseeMessage } from './thingsee.mapper';
import {
  THINGSEE_COMMAND_IDS,
  THINGSEE_GROUP,
  THINGSEE_INSTALLATION_STATUSES,
  UNASSIGNED_GROUP,
  type ThingseeCommandRecord,
  type ThingseeGroupRecord,
  type ThingseeInstallationRecord,
  type ThingseeInstallationStatus,
  type ThingseeMessageRecord,
} from './thingsee.model';
import { thingMessageSource, type ThingseeMessageIds } from './thingsee.reads-messages';
import type { ThingseeReads } from './thingsee.reads';
import type { ThingseeWireCommandRequest, ThingseeWireMessageQuery } from './thingsee.wire';

/** Filters of the messages and commands reads, in Tributary's terms. */
export interface ThingseeMessageFilter {
  from: Date | null;
  to: Date | null;
  messageIds: readonly number[] | null;
  eventIds: readonly number[] | null;
  limit: number;
}

/** A command to send: its message and event id and the message-specific fields. */
export interface ThingseeCommandInput {
  tsmId: number;
  tsmEv: number;
  fields: Record<string, unknown>;
}

/** Header fields Thingsee sets on a command itself; a caller may not set them. */
const RESERVED_COMMAND_FIELDS = ['tsmId', 'tsmEv', 'tsmTs', 'tsmDstTuid', 'tsmTuid'];

/** The Thingsee-only reads and writes of one thing, for one request. */
export class ThingseeThings {
  constructor(
    private readonly client: ThingseeClient,
    private readonly reads: ThingseeReads,
    private readonly loader: RecordLoader,
  ) {}

  /** Newest first, at most `limit` (one call per thing whatever the limit: the history is sliced here). */
  async installations(tuid: string, limit: number): Promise<ThingseeInstallationRecord[]> {
    const history = (await this.reads.installations(tuid)).map(mapThingseeInstallation);
    return history.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
  }

  async installationStatus(tuid: string): Promise<ThingseeInstallationStatus | null> {
    return (await this.installations(tuid, 1))[0]?.status ?? null;
  }

  async setInstallationStatus(tuid: string, status: string): Promise<{ tuid: string; status: ThingseeInstallationStatus | null }> {
    if (!(THINGSEE_INSTALLATION_STATUSES as readonly string[]).includes(status)) {
      throw new BadUserInputError(`\`status\` must be one of ${THINGSEE_INSTALLATION_STATUSES.join(', ')}, but got "${status}"`, {
        argument: 'status',
      });
    }
    const answer = await this.client.setInstallationStatus(tuid, status);
    this.reads.forget(`installations ${tuid}`);
    return { tuid: answer.tuid, status: installationStatus(answer.installation_status) };
  }

  /** The thing's deployment group, or null when it is `unassigned` (or the group is gone). */
  async deploymentGroup(tuid: string): Promise<ThingseeGroupRecord | null> {
    const { group_id: groupId } = await this.reads.thingGroup(tuid);
    if (!groupId || groupId === UNASSIGNED_GROUP) return null;
    return this.loader.load<ThingseeGroupRecord>(THINGSEE_GROUP, groupId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
  }

  async setGroup(tuid: string, groupId: string): Promise<string> {
    const answer = await this.client.setThingGroup(tuid, groupId);
    this.reads.forget(`group ${tuid}`);
    this.reads.primeThingGroup(tuid, answer.group_id);
    return answer.group_id;
  }

  /** The thing's messages for keyset paging (`ThingseeThing.messagesConnection`). */
  messageSource(tuid: string, ids: ThingseeMessageIds): KeysetSource<ThingseeMessageRecord> {
    return thingMessageSource(this.client, tuid, ids);
  }

  async messages(tuid: string, filter: ThingseeMessageFilter): Promise<ThingseeMessageRecord[]> {
    return (await this.reads.messages(tuid, wireQuery(filter))).map(mapThingseeMessage);
  }

  async commands(tuid: string, filter: ThingseeMessageFilter): Promise<ThingseeCommandRecord[]> {
    const records = await this.reads.commands(tuid, wireQuery(filter));
    return records.map((r) => mapThingseeCommand(r.command, r.tuid, r.responsible ?? null));
  }

  /** Sends commands after checking every message id against the documented allowlist. */
  async sendCommands(tuid: string, commands: readonly ThingseeCommandInput[]): Promise<{ responsible: string | null; commands: ThingseeCommandRecord[] }> {
    const body = commands.map((command, i) => commandBody(command, i));
    const answer = await this.client.sendCommands(tuid, body);
    this.reads.forget(`commands ${tuid}`);
    return { responsible: answer.responsible ?? null, commands: answer.commands.map((c) => mapThingseeCommand(c, tuid, answer.responsible ?? null)) };
  }
}

/** Checks one command input; throws BAD_USER_INPUT naming the command and field. */
export function commandBody(command: ThingseeCommandInput, index: number): ThingseeWireCommandRequest {
  if (!THINGSEE_COMMAND_IDS.includes(command.tsmId)) {
    throw new BadUserInputError(
      `\`commands[${index}].tsmId\` must be one of ${THINGSEE_COMMAND_IDS.join(', ')} (Thingsee's command allowlist), but got ${command.tsmId}`,
      { argument: `commands[${index}].tsmId` },
    );
  }
  if (!Number.isInteger(command.tsmEv) || command.tsmEv < 0) {
    throw new BadUserInputError(`\`commands[${index}].tsmEv\` must be a whole number >= 0, but got ${command.tsmEv}`, {
      argument: `commands[${index}].tsmEv`,
    });
  }
  const reserved = Object.keys(command.fields).filter((key) => RESERVED_COMMAND_FIELDS.includes(key));
  if (reserved.length > 0) {
    throw new BadUserInputError(`\`commands[${index}].fields\` must not set ${reserved.join(', ')}; use tsmId/tsmEv`, {
      argument: `commands[${index}].fields`,
    });
  }
  return { ...command.fields, tsmId: command.tsmId, tsmEv: command.tsmEv };
}

function wireQuery(filter: ThingseeMessageFilter): ThingseeWireMessageQuery {
  return {
    ...(filter.messageIds?.length ? { messageid: filter.messageIds.join(',') } : {}),
    ...(filter.eventIds?.length ? { eventid: filter.eventIds.join(',') } : {}),
    ...(filter.from ? { from: Math.floor(filter.from.getTime() / 1000) } : {}),
    ...(filter.to ? { to: Math.floor(filter.to.getTime() / 1000) } : {}),
    limit: filter.limit,
  };
}
