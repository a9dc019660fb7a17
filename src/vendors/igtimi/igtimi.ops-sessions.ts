import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BadUserInputError, VendorError } from '../../core/errors';
import type { IgtimiApi } from './igtimi.api';
import type { IgtimiClient } from './igtimi.client';
import * as map from './igtimi.mapper';
import * as m from './igtimi.model';

export interface IgtimiSessionFilter {
  ids?: readonly string[] | null;
  public?: boolean | null;
  limit?: number | null;
  includeIncomplete?: boolean | null;
  from?: Date | null;
  to?: Date | null;
}

/** Igtimi sessions and their XML logs. */
export class IgtimiSessionOps {
  constructor(
    private readonly client: IgtimiClient,
    private readonly api: IgtimiApi,
  ) {}

  async list(filter: IgtimiSessionFilter): Promise<m.IgtimiSessionRecord[]> {
    const answer = await this.client.listSessions({
      ids: filter.ids ?? undefined,
      public: filter.public,
      limit: filter.limit,
      include_incomplete: filter.includeIncomplete,
      start_time: filter.from?.getTime(),
      end_time: filter.to?.getTime(),
      blob_content: true,
    });
    return answer.sessions.map((x) => this.api.primed(map.mapIgtimiSession(x.session)));
  }

  async create(): Promise<m.IgtimiSessionRecord> {
    return this.api.primed(map.mapIgtimiSession((await this.client.createSession()).session));
  }

  async delete(id: string): Promise<boolean> {
    return (await this.client.deleteSession(id)).success;
  }

  log(id: string, since: Date | null): Promise<string> {
    return this.api.once(`log:${id}:${since?.getTime() ?? ''}`, () => this.client.sessionLog(id, since?.getTime() ?? null));
  }

  /** Appends to a session log; XML that is not well-formed, or that Igtimi refuses (403), is BAD_USER_INPUT. */
  async appendLog(id: string, xml: string): Promise<boolean> {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      throw new BadUserInputError(`\`xml\` is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`, { argument: 'xml' });
    }
    try {
      return (await this.client.appendSessionLog(id, xml)).success;
    } catch (error) {
      if (error instanceof VendorError && error.status === 403) {
        throw new BadUserInputError(`IGTIMI refused the session log: ${error.message.replace(/^IGTIMI: /, '')}`, { argument: 'xml' });
      }
      throw error;
    }
  }
}

const logParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'device' });

/** Serial numbers of `<device serial_number="…"/>` elements anywhere in a session log. */
export function serialsInLog(xml: string): string[] {
  const serials = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'device') for (const device of value as Array<{ serial_number?: unknown }>) if (typeof device?.serial_number === 'string') serials.add(device.serial_number);
      walk(value);
    }
  };
  try {
    walk(logParser.parse(xml));
  } catch {
    return [];
  }
  return [...serials].filter(m.isIgtimiSerial);
}
