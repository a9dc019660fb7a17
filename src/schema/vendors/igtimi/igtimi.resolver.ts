import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { BadUserInputError, MeasurementNotOfferedError } from '../../../core/errors';
import { IGTIMI_DEVICE, IGTIMI_MEASUREMENT_NAMES, IGTIMI_SESSION } from '../../../vendors/igtimi';
import { igtimiAuthorizeUrl } from '../../../vendors/igtimi/igtimi.auth';
import { checkDataArgs } from '../../../vendors/igtimi/igtimi.reads-data';
import { fieldPath } from '../../resolvers/path';
import { DateTime, JSONObject } from '../../model/scalars';
import {
  IgtimiBlobKind,
  IgtimiDataAccessWindow,
  IgtimiDataResult,
  IgtimiDataType,
  IgtimiDeviceGroupToken,
  IgtimiImportFile,
  IgtimiPermissionKind,
  IgtimiResource,
  IgtimiResponseType,
  IgtimiUser,
} from './igtimi-common.types';
import { IgtimiDevice, IgtimiDeviceGroup, IgtimiSession } from './igtimi-entities.types';
import { BLOB_KIND, BLOB_NATIVE_ID, BLOB_RECORD, BLOB_RESOURCE } from './igtimi-blob.args';
import { blobTarget, igtimi, nativeArg, rangeArg, serialArg, serialsArg, userArg } from './igtimi.checks';
import { IgtimiSessionFilterInput } from './igtimi.inputs';

/** Igtimi-only reads (`igtimi…`): account, users, devices by serial, resources, data, sessions, blobs. */
@Resolver()
export class IgtimiResolver {
  @Query(() => IgtimiUser, { description: "The credential's Igtimi account (`GET /account`)." })
  igtimiAccount(@Ctx() ctx: RequestContext) {
    return igtimi(ctx).members.account();
  }

  @Query(() => [IgtimiUser], { description: 'Users connected to the application (`GET /users`).' })
  igtimiUsers(@Ctx() ctx: RequestContext) {
    return igtimi(ctx).members.users();
  }

  @Query(() => IgtimiUser, { description: 'One user (`GET /users/:id`).' })
  igtimiUser(
    @Arg('id', () => ID, { nullable: true, description: 'Global id of the IgtimiUser.' }) id: string | null,
    @Arg('userId', () => Int, { nullable: true, deprecationReason: "Igtimi's own user id: use `id`." }) userId: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return igtimi(ctx).members.user(userArg(id, userId));
  }

  @Query(() => IgtimiDevice, { description: 'One device by serial number (batched with every other device read of the request).' })
  igtimiDevice(@Arg('serialNumber', () => String) serialNumber: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(IGTIMI_DEVICE, serialArg(serialNumber));
  }

  @Query(() => JSONObject, { description: 'Latest device information of one device (`GET /devices/:serial/device_info`).' })
  igtimiDeviceInfo(@Arg('serialNumber', () => String) serialNumber: string, @Ctx() ctx: RequestContext) {
    return igtimi(ctx).ops.deviceInfo(serialArg(serialNumber));
  }

  @Query(() => [IgtimiResource], { description: 'Resources the credential can see (`GET /resources`).' })
  igtimiResources(
    @Arg('permission', () => IgtimiPermissionKind, { defaultValue: IgtimiPermissionKind.READ }) permission: IgtimiPermissionKind,
    @Arg('serialNumbers', () => [String], { nullable: true }) serialNumbers: string[] | null,
    @Arg('streamIds', () => [Int], { nullable: true }) streamIds: number[] | null,
    @Arg('from', () => DateTime, { nullable: true, description: 'Resources created since.' }) from: Date | null,
    @Arg('to', () => DateTime, { nullable: true, description: 'Resources created before.' }) to: Date | null,
    @Ctx() ctx: RequestContext,
  ) {
    rangeArg(from, to);
    return igtimi(ctx).ops.resources({ permission: permission === IgtimiPermissionKind.READ ? 'read' : 'modify', serialNumbers: serialsArg(serialNumbers), streamIds, from, to });
  }

  @Query(() => [IgtimiDataAccessWindow], { description: 'Data access windows (`GET /devices/data_access_windows`).' })
  igtimiDataAccessWindows(
    @Arg('type', () => IgtimiPermissionKind, { defaultValue: IgtimiPermissionKind.READ }) type: IgtimiPermissionKind,
    @Arg('serialNumbers', () => [String], { nullable: true }) serialNumbers: string[] | null,
    @Arg('from', () => DateTime, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTime, { nullable: true }) to: Date | null,
    @Ctx() ctx: RequestContext,
  ) {
    rangeArg(from, to);
    return igtimi(ctx).ops.windows(type === IgtimiPermissionKind.READ ? 'read' : 'modify', { serialNumbers: serialsArg(serialNumbers), from, to });
  }

  @Query(() => IgtimiDataResult, {
    description: 'Data of many devices over a range (`GET /resources/data`, one call per week), reporting archived resources being restored.',
  })
  igtimiData(
    @Arg('serialNumbers', () => [String]) serialNumbers: string[],
    @Arg('from', () => DateTime) from: Date,
    @Arg('to', () => DateTime) to: Date,
    @Arg('names', () => [String], { nullable: true, description: 'Names Igtimi does not offer yield nothing and a `MEASUREMENT_NOT_OFFERED` note.' })
    names: string[] | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const serials = serialsArg(serialNumbers)!;
    // As `measurements(names)`: names Igtimi does not offer are a note beside the data, not a failure.
    const unknown = names?.filter((name) => !IGTIMI_MEASUREMENT_NAMES.includes(name)) ?? [];
    if (unknown.length > 0) ctx.reportVendorError('IGTIMI', new MeasurementNotOfferedError('IGTIMI', unknown, null), fieldPath(info));
    const known = names?.filter((name) => !unknown.includes(name)) ?? null;
    checkDataArgs({ names: known, from, to, last: null });
    if (known?.length === 0) return { measurements: [], archivedResourceIds: [], complete: true, calls: 0, hours: (to.getTime() - from.getTime()) / 3_600_000 };
    return igtimi(ctx).data.report(serials, { names: known, from, to, last: null });
  }

  @Query(() => [IgtimiDataType], { description: 'Every Igtimi data type (`GET /data_types`) with its measurement names.' })
  igtimiDataTypes(@Ctx() ctx: RequestContext) {
    return igtimi(ctx).ops.dataTypes();
  }

  @Query(() => [IgtimiDeviceGroup], { description: 'Device groups of the application (`GET /devicegroups`).' })
  igtimiDeviceGroups(
    @Arg('showExpired', () => Boolean, { defaultValue: false }) showExpired: boolean,
    @Arg('showSubgroups', () => Boolean, { defaultValue: false }) showSubgroups: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return igtimi(ctx).ops.deviceGroups(showExpired, showSubgroups);
  }

  @Query(() => [IgtimiDeviceGroupToken], { description: 'Device group tokens of the application (`GET /devicegroup_tokens`).' })
  igtimiDeviceGroupTokens(@Ctx() ctx: RequestContext) {
    return igtimi(ctx).ops.deviceGroupTokens();
  }

  @Query(() => [IgtimiSession], { description: "Sessions with the doc's filters (`GET /sessions`; `ids` as one `ids[]` call)." })
  igtimiSessions(@Arg('filter', () => IgtimiSessionFilterInput, { nullable: true }) filter: IgtimiSessionFilterInput | null, @Ctx() ctx: RequestContext) {
    const f = filter ?? {};
    rangeArg(f.from, f.to);
    if (f.limit !== undefined && f.limit !== null && (f.limit < 1 || f.limit > 1000)) {
      throw new BadUserInputError('`limit` must be from 1 to 1000', { argument: 'limit' });
    }
    if (f.ids && (f.ids.length === 0 || f.ids.length > 100)) throw new BadUserInputError('`ids` must name 1 to 100 sessions', { argument: 'ids' });
    const ids = f.ids?.map((id) => nativeArg(id, IGTIMI_SESSION, 'ids'));
    return igtimi(ctx).sessions.list({ ...f, ids });
  }

  @Query(() => String, { description: 'A session log from a time on (`GET /sessions/:id/logs?start_time=`), as XML.' })
  igtimiSessionLog(
    @Arg('sessionId', () => ID) sessionId: string,
    @Arg('since', () => DateTime, { nullable: true }) since: Date | null,
    @Ctx() ctx: RequestContext,
  ) {
    return igtimi(ctx).sessions.log(nativeArg(sessionId, IGTIMI_SESSION, 'sessionId'), since);
  }

  @Query(() => String, { description: 'A blob exactly as it was saved (`GET /<kind>/:id/blob`) of the record `recordId` names, or of an Igtimi resource (`resourceId`).' })
  igtimiBlob(
    @Arg('recordId', () => ID, BLOB_RECORD) recordId: string | null,
    @Arg('resourceId', () => Int, BLOB_RESOURCE) resourceId: number | null,
    @Arg('kind', () => IgtimiBlobKind, BLOB_KIND) kind: IgtimiBlobKind | null,
    @Arg('id', () => String, BLOB_NATIVE_ID) id: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const target = blobTarget({ recordId, resourceId, kind, id });
    return igtimi(ctx).ops.blob(target.path, target.id);
  }

  @Query(() => [IgtimiImportFile], { description: 'Imported .IPB files by state (`GET /resources/data/upload`).' })
  igtimiImports(@Arg('fileId', () => String, { nullable: true }) fileId: string | null, @Ctx() ctx: RequestContext) {
    return igtimi(ctx).ops.imports(fileId);
  }

  @Query(() => [String], { description: 'WebSocket servers for live data (`GET /server_listers/web_sockets`), as Igtimi lists them.' })
  igtimiWebSocketServers(@Ctx() ctx: RequestContext) {
    return igtimi(ctx).ops.webSocketServers();
  }

  @Query(() => String, {
    description:
      "Where a front-end sends its users to sign in (OAuth2 authorize) when it keeps the user token itself and sends it in `x-igtimi-token`; `linkIgtimiAccount` instead links the account to the caller at the gateway.",
  })
  igtimiAuthorizeUrl(
    @Arg('redirectUri', () => String) redirectUri: string,
    @Arg('responseType', () => IgtimiResponseType, { defaultValue: IgtimiResponseType.CODE }) responseType: IgtimiResponseType,
    @Ctx() ctx: RequestContext,
  ) {
    const { baseUrl, clientId } = igtimi(ctx).oauth;
    if (!/^https?:\/\/\S+$/.test(redirectUri)) throw new BadUserInputError('`redirectUri` must be an http(s) URL', { argument: 'redirectUri' });
    if (!clientId) throw new BadUserInputError('IGTIMI_CLIENT_ID is not configured, so there is no application to authorize');
    return igtimiAuthorizeUrl(baseUrl, clientId, redirectUri, responseType === IgtimiResponseType.TOKEN ? 'token' : 'code');
  }
}
