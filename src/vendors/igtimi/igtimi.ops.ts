import DataLoader from 'dataloader';
import type { QueryValue } from '../http';
import type { MultipartFile } from '../multipart-body';
import type { RecordLoader } from '../adapter';
import type { IgtimiApi } from './igtimi.api';
import type { IgtimiBlobOwner, IgtimiClient, IgtimiTarget } from './igtimi.client';
import * as map from './igtimi.mapper';
import * as m from './igtimi.model';

export interface IgtimiWindowFilter {
  serialNumbers?: readonly string[] | null;
  from?: Date | null;
  to?: Date | null;
}

export interface IgtimiCreateDeviceInput {
  prefix: string;
  date?: string | null;
  uid?: string | null;
  imei?: string | null;
  register?: boolean | null;
  deviceGroupId?: string | null;
}

/** Where an uploaded file goes: a resource, or a device's stream. */
export interface IgtimiUploadTarget {
  resourceId: number | null;
  streamId: number | null;
  serialNumber: string | null;
  from: Date;
  to: Date;
  source: number | null;
}

export interface IgtimiCreateDeviceGroupInput {
  prefix: string;
  createDevices: boolean;
  createTokens: boolean;
  expiry?: Date | null;
  parentDeviceGroupId?: string | null;
  defaultOwnerId?: number | null;
}

/**
 * Igtimi-only reads and writes of devices, resources, windows, device groups and blobs (the
 * `igtimi…` fields): inputs are checked by the schema layer, calls are batched per request
 * where Igtimi has a batch form (`serial_numbers[]`).
 */
export class IgtimiOps {
  private readonly resourceLoaders = new Map<string, DataLoader<string, m.IgtimiResourceRecord[]>>();
  private readonly windowLoaders = new Map<string, DataLoader<string, m.IgtimiDataAccessWindowRecord[]>>();

  constructor(
    private readonly client: IgtimiClient,
    private readonly loader: RecordLoader,
    private readonly api: IgtimiApi,
  ) {}

  blob(owner: IgtimiBlobOwner, id: string): Promise<string> {
    return this.api.once(`blob:${owner}:${id}`, () => this.client.getBlob(owner, id));
  }

  async saveBlob(owner: IgtimiBlobOwner, id: string, content: string): Promise<boolean> {
    return (await this.client.saveBlob(owner, id, content)).success;
  }

  async createDevice(input: IgtimiCreateDeviceInput): Promise<m.IgtimiDeviceRecord> {
    const form: Record<string, QueryValue> = { prefix: input.prefix, date: input.date, uid: input.uid, imei: input.imei, register: input.register };
    if (input.deviceGroupId) {
      // A device group's own token authorises creating devices under its prefix.
      form.devicegroup_token = (await this.loader.load<m.IgtimiDeviceGroupRecord>(m.IGTIMI_DEVICE_GROUP, input.deviceGroupId)).token;
    }
    return this.api.primed(map.mapIgtimiDevice((await this.client.createDevice(form)).device));
  }

  async registerDevice(serial: string, serviceTag: string): Promise<m.IgtimiDeviceRecord> {
    return this.api.primed(map.mapIgtimiDevice((await this.client.registerDevice(serial, serviceTag)).device));
  }

  async unregisterDevice(serial: string): Promise<boolean> {
    return (await this.client.unregisterDevice(serial)).success;
  }

  /** Resources of one device; every device asking in one request shares one `serial_numbers[]` call. */
  resourcesOf(serial: string, permission: 'read' | 'modify'): Promise<m.IgtimiResourceRecord[]> {
    let loader = this.resourceLoaders.get(permission);
    if (!loader) {
      loader = new DataLoader(async (serials) => {
        const all = await this.resources({ permission, serialNumbers: serials });
        return serials.map((serial) => all.filter((r) => r.serialNumber === serial));
      });
      this.resourceLoaders.set(permission, loader);
    }
    return loader.load(serial);
  }

  async resources(filter: IgtimiWindowFilter & { permission: 'read' | 'modify'; streamIds?: readonly number[] | null }): Promise<m.IgtimiResourceRecord[]> {
    const answer = await this.client.listResources({
      permission: filter.permission,
      start_time: filter.from?.getTime(),
      end_time: filter.to?.getTime(),
      serial_numbers: filter.serialNumbers ?? undefined,
      stream_ids: filter.streamIds ?? undefined,
    });
    return answer.resources.map((r) => map.mapIgtimiResource(r.resource));
  }

  /** Data access windows of one device, batched like `resourcesOf`. */
  windowsOf(serial: string, type: 'read' | 'modify'): Promise<m.IgtimiDataAccessWindowRecord[]> {
    let loader = this.windowLoaders.get(type);
    if (!loader) {
      loader = new DataLoader(async (serials) => {
        const all = await this.windows(type, { serialNumbers: serials });
        return serials.map((serial) => all.filter((w) => w.serialNumber === serial));
      });
      this.windowLoaders.set(type, loader);
    }
    return loader.load(serial);
  }

  async windows(type: 'read' | 'modify', filter: IgtimiWindowFilter): Promise<m.IgtimiDataAccessWindowRecord[]> {
    const answer = await this.client.listDataAccessWindows({
      type,
      start_time: filter.from?.getTime(),
      end_time: filter.to?.getTime(),
      serial_numbers: filter.serialNumbers ?? undefined,
    });
    return answer.data_access_windows.map((w) => map.mapIgtimiDataAccessWindow(w.data_access_window));
  }

  async createWindow(serial: string, input: { from: Date; to: Date; read: boolean; modify: boolean; target: IgtimiTarget }): Promise<boolean> {
    const form = { start_time: input.from.getTime(), end_time: input.to.getTime(), read: input.read, modify: input.modify, ...input.target };
    return (await this.client.createDataAccessWindow(serial, form)).success;
  }

  async deviceGroups(showExpired: boolean, showSubgroups: boolean): Promise<m.IgtimiDeviceGroupRecord[]> {
    const answer = await this.client.listDeviceGroups({ show_expired: showExpired, show_subgroups: showSubgroups });
    return answer.devicegroups.map((g) => this.api.primed(map.mapIgtimiDeviceGroup(g.devicegroup)));
  }

  async createDeviceGroup(input: IgtimiCreateDeviceGroupInput): Promise<m.IgtimiDeviceGroupRecord> {
    const form: Record<string, QueryValue> = {
      prefix: input.prefix,
      create_devices: input.createDevices,
      create_tokens: input.createTokens,
      expiry: input.expiry?.getTime(),
      default_owner_id: input.defaultOwnerId,
    };
    if (input.parentDeviceGroupId) {
      // A sub group is created with its parent's token (doc: "a sub device group using an existing device group token").
      const parent = await this.loader.load<m.IgtimiDeviceGroupRecord>(m.IGTIMI_DEVICE_GROUP, input.parentDeviceGroupId);
      form.devicegroup_token = parent.token;
      form.recipient = parent.prefix;
    }
    return this.api.primed(map.mapIgtimiDeviceGroup((await this.client.createDeviceGroup(form)).devicegroup));
  }

  async deviceGroupTokens(): Promise<m.IgtimiDeviceGroupTokenRecord[]> {
    return (await this.client.listDeviceGroupTokens()).devicegroup_tokens.map((t) => map.mapIgtimiDeviceGroupToken(t.devicegroup_token));
  }

  async dataTypes(): Promise<m.IgtimiDataTypeRecord[]> {
    return (await this.client.dataTypes()).data_types.map((t) => map.mapIgtimiDataType(t.data_type));
  }

  async uploadResourceFile(target: IgtimiUploadTarget, file: MultipartFile): Promise<{ resourceId: number; md5: string; source: number }> {
    const fields: Record<string, QueryValue> = {
      resource_id: target.resourceId,
      stream_id: target.streamId,
      serial_number: target.serialNumber,
      start_time: target.from.getTime(),
      end_time: target.to.getTime(),
      source: target.source,
    };
    const datum = (await this.client.uploadResourceFile(fields, file)).resource_datum;
    return { resourceId: datum.resource_id, md5: datum.md5, source: datum.source };
  }

  async importFile(file: MultipartFile): Promise<{ fileId: string; md5: string }> {
    const answer = (await this.client.importFile(file)).device_syncfile;
    return { fileId: answer.file_id, md5: answer.md5 };
  }

  async imports(fileId: string | null): Promise<m.IgtimiSyncFileRecord[]> {
    return map.mapIgtimiSyncFiles(await this.client.listImports(fileId));
  }

  async webSocketServers(): Promise<string[]> {
    return (await this.client.serverList()).web_socket_servers;
  }

  async deviceInfo(serial: string): Promise<Record<string, unknown>> {
    return this.client.deviceInfo(serial);
  }
}
