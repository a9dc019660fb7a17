import type { z } from 'zod';
import { VendorNotConfiguredError } from '../../core/errors';
import type { VendorCalls, VendorRequest } from '../http';
import { withToken, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import { thingseeAuthHeader } from './thingsee.auth';
import * as s from './thingsee.schemas';
import type { ThingseeWireCommandRequest, ThingseeWireGroupCreate, ThingseeWireMessageQuery } from './thingsee.wire';

/** One method per Thingsee endpoint; answers validated and unwrapped from `{ data }`, never mapped. */
export class ThingseeClient {
  constructor(
    private readonly http: VendorCalls,
    private readonly tokens: TokenProvider | null,
    /** Called before every write, so shared list reads of this credential are not served stale after it. */
    private readonly onWrite: () => void = () => undefined,
  ) {}

  /** The same credential outside the operation: for live feeds, which outlive it. */
  background(): ThingseeClient {
    return new ThingseeClient(this.http.background, this.tokens, this.onWrite);
  }

  alertingTuids() {
    return this.call('things.alerts', s.alertingTuidsSchema, { method: 'GET', path: ['things', 'alerts'] });
  }

  alertCount() {
    return this.call('things.alertCount', s.alertCountSchema, { method: 'GET', path: ['things', 'alerts', 'count'] });
  }

  thingAlerts(tuid: string, window: { from?: number; to?: number } = {}) {
    return this.call('things.thingAlerts', s.thingAlertsSchema, { method: 'GET', path: ['things', tuid, 'alerts'], query: { ...window } });
  }

  thing(tuid: string) {
    return this.call('things.get', s.thingSchema, { method: 'GET', path: ['things', tuid] });
  }

  messages(tuid: string, query: ThingseeWireMessageQuery) {
    return this.call('things.messages', s.messagesSchema, { method: 'GET', path: ['things', tuid, 'messages'], query: { ...query } });
  }

  commands(tuid: string, query: ThingseeWireMessageQuery) {
    return this.call('things.commands', s.commandRecordsSchema, { method: 'GET', path: ['things', tuid, 'commands'], query: { ...query } });
  }

  sendCommands(tuid: string, commands: readonly ThingseeWireCommandRequest[]) {
    return this.call('things.sendCommands', s.sentCommandsSchema, { method: 'POST', path: ['things', tuid, 'commands'], json: commands });
  }

  installations(tuid: string, limit: number) {
    return this.call('things.installations', s.installationsSchema, {
      method: 'GET',
      path: ['things', tuid, 'installations'],
      query: { limit },
    });
  }

  setInstallationStatus(tuid: string, status: string) {
    // Setting the same status twice leaves the same state: safe to retry.
    return this.call('things.setInstallation', s.installationSetSchema, {
      method: 'POST',
      path: ['things', tuid, 'installations'],
      json: { installation_status: status },
      idempotent: true,
    });
  }

  thingGroup(tuid: string) {
    return this.call('things.group', s.thingGroupSchema, { method: 'GET', path: ['things', tuid, 'group'] });
  }

  setThingGroup(tuid: string, groupId: string) {
    return this.call('things.setGroup', s.thingGroupSchema, {
      method: 'POST',
      path: ['things', tuid, 'group'],
      json: { group_id: groupId },
      idempotent: true,
    });
  }

  listGroups(query: { q?: string; limit?: number }) {
    return this.call('groups.list', s.groupListSchema, { method: 'GET', path: ['groups'], query: { ...query } });
  }

  groupThings(groupId: string) {
    return this.call('groups.things', s.groupThingsSchema, { method: 'GET', path: ['groups', groupId, 'things'] });
  }

  createGroup(body: ThingseeWireGroupCreate) {
    return this.call('groups.create', s.groupAnswerSchema, { method: 'POST', path: ['groups'], json: body });
  }

  renameGroup(groupId: string, newGroupId: string) {
    return this.call('groups.rename', s.groupRenameSchema, {
      method: 'POST',
      path: ['groups', groupId, 'rename'],
      json: { group_id: newGroupId },
    });
  }

  deleteGroup(groupId: string) {
    return this.call('groups.delete', s.groupDeleteSchema, { method: 'DELETE', path: ['groups', groupId] });
  }

  // Private:

  private async call<S extends z.ZodType<{ data: unknown }>>(
    operation: string,
    schema: S,
    request: Omit<VendorRequest, 'operation' | 'headers'>,
  ): Promise<z.infer<S>['data']> {
    if (!this.tokens) throw new VendorNotConfiguredError('THINGSEE');
    if (request.method !== 'GET') this.onWrite();
    const response = await withToken(this.tokens, (token) => this.http.request({ ...request, operation, headers: thingseeAuthHeader(token) }), this.http);
    return parseWire('THINGSEE', operation, schema, response.json).data;
  }
}
