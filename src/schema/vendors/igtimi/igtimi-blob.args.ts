/**
 * Arguments naming an Igtimi blob's owner, shared by `igtimiBlob` and `igtimiSaveBlob`: the
 * global id a read answered (`recordId`), or a resource's Int id (resources have no global id).
 * `kind` + `id` (raw vendor ids) stay one release as deprecated aliases.
 */
export const BLOB_RECORD = { nullable: true, description: 'Global id of the IgtimiDevice, IgtimiGroup, IgtimiSession or IgtimiUser the blob belongs to.' } as const;
export const BLOB_RESOURCE = { nullable: true, description: 'An Igtimi resource (`IgtimiResource.id`; resources have no global id).' } as const;
export const BLOB_KIND = { nullable: true, deprecationReason: 'Name the owner with `recordId` (or `resourceId`); `kind` + `id` go in the next release.' } as const;
export const BLOB_NATIVE_ID = { nullable: true, deprecationReason: 'A raw Igtimi id: use `recordId` (or `resourceId`).' } as const;
