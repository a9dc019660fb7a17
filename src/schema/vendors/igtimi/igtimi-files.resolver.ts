import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { BadUserInputError } from '../../../core/errors';
import { IGTIMI_IMPORT_TYPE } from '../../../vendors/igtimi/igtimi.client';
import { DateTime } from '../../model/scalars';
import { openUpload, Upload, type UploadArg } from '../../model/upload';
import { igtimi, positiveIntArg, rangeArg, serialArg } from './igtimi.checks';

@ObjectType({ simpleResolvers: true, description: 'A file stored in a resource (`POST /resources/data/upload`).' })
export class IgtimiResourceFile {
  @Field(() => Int, { description: 'The resource the file went into (`IgtimiResource.id`).' })
  resourceId!: number;

  @Field(() => String, { description: "Igtimi's MD5 of the bytes it stored (hex)." })
  md5!: string;

  @Field(() => Int, { description: 'The source id of the file (0 by default).' })
  source!: number;
}

@ObjectType({ simpleResolvers: true, description: 'An .IPB file presented for import; follow it with `igtimiImports(fileId)`.' })
export class IgtimiImportedFile {
  @Field(() => String, { description: 'The import id, e.g. `0000032A_<md5>.IPB`.' })
  fileId!: string;

  @Field(() => String, { description: "Igtimi's MD5 of the bytes it stored (hex)." })
  md5!: string;
}

/**
 * Igtimi file uploads over the GraphQL multipart request spec (docs/files.md): the file is
 * streamed from the client's request to Igtimi's `POST /resources/data/upload`.
 */
@Resolver()
export class IgtimiFilesResolver {
  @Mutation(() => IgtimiResourceFile, {
    description: 'Stores a file in a resource (`POST /resources/data/upload`): into `resourceId`, or the resource of `streamId` + `serialNumber`.',
  })
  async igtimiUploadResourceFile(
    @Arg('file', () => Upload, { description: 'The file (a GraphQL multipart request).' }) file: UploadArg,
    @Arg('from', () => DateTime, { description: 'Start time of the file.' }) from: Date,
    @Arg('to', () => DateTime, { description: 'End time of the file.' }) to: Date,
    @Arg('resourceId', () => Int, { nullable: true, description: 'The resource (`IgtimiResource.id`: resources have no global id).' }) resourceId: number | null,
    @Arg('streamId', () => Int, { nullable: true, description: 'Instead of `resourceId`: the stream id, with `serialNumber`.' }) streamId: number | null,
    @Arg('serialNumber', () => String, { nullable: true, description: 'With `streamId`: the serial number of the device.' }) serialNumber: string | null,
    @Arg('source', () => Int, { nullable: true, description: 'The source id of the file (Igtimi uses 0 when it is left out).' }) source: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    rangeArg(from, to);
    const byResource = resourceId != null;
    if (byResource === (streamId != null || serialNumber != null)) {
      throw new BadUserInputError('Give either `resourceId`, or `streamId` with `serialNumber`', { argument: 'resourceId' });
    }
    if (!byResource && (streamId == null || serialNumber == null)) throw new BadUserInputError('`streamId` needs `serialNumber` (and the other way round)', { argument: 'streamId' });
    if (source != null && (!Number.isInteger(source) || source < 0)) throw new BadUserInputError('`source` must be 0 or more', { argument: 'source' });
    const target = {
      resourceId: byResource ? positiveIntArg(resourceId, 'resourceId') : null,
      streamId: streamId == null ? null : positiveIntArg(streamId, 'streamId'),
      serialNumber: serialNumber == null ? null : serialArg(serialNumber),
      from,
      to,
      source,
    };
    const upload = await openUpload(ctx, file, 'file', 'file');
    // That content type would make Igtimi read the file as an .IPB import instead.
    if (upload.contentType === IGTIMI_IMPORT_TYPE) throw new BadUserInputError(`A file of type ${IGTIMI_IMPORT_TYPE} is an import: use igtimiImportFile`, { argument: 'file' });
    return igtimi(ctx).ops.uploadResourceFile(target, upload);
  }

  @Mutation(() => IgtimiImportedFile, { description: 'Presents an .IPB data file for import (`POST /resources/data/upload`, `igtimi/binary_data`).' })
  async igtimiImportFile(@Arg('file', () => Upload, { description: 'The .IPB file (a GraphQL multipart request).' }) file: UploadArg, @Ctx() ctx: RequestContext) {
    const upload = await openUpload(ctx, file, 'file', 'file');
    if (!/\.ipb$/i.test(upload.filename)) throw new BadUserInputError('Only .IPB files can be imported', { argument: 'file' });
    return igtimi(ctx).ops.importFile(upload);
  }
}
