import { z } from 'zod';

/**
 * Edge validation of TimeTonic answers (only once `status` is "ok": "nok" answers are
 * turned into errors by the classifier first). Unknown keys pass through into `raw`.
 */
const ok = { status: z.literal('ok') };
const stamp = z.number();

export const appkeySchema = z.looseObject({ ...ok, appkey: z.string() });
export const oauthkeySchema = z.looseObject({ ...ok, oauthkey: z.string(), o_u: z.string() });
export const sesskeySchema = z.looseObject({ ...ok, sesskey: z.string() });
export const okSchema = z.looseObject({ ...ok });

export const userInfoSchema = z.looseObject({
  ...ok,
  sstamp: stamp,
  userInfo: z.looseObject({
    u_c: z.string(),
    nbBooks: z.number(),
    sstamp: z.number(),
    userPrefs: z.looseObject({}),
    rights: z.record(z.string(), z.boolean()).optional(),
    colors: z.record(z.string(), z.string()).optional(),
    projectID: z.number().optional(),
  }),
});

export const mediaSchema = z.looseObject({
  id: z.number(),
  ext: z.string(),
  originName: z.string(),
  internName: z.string(),
  uuid: z.string().optional(),
  size: z.number(),
  type: z.string(),
  del: z.boolean(),
});

export const messageSchema = z.looseObject({
  smid: z.number(),
  uuid: z.string(),
  sstamp: z.number(),
  u_c: z.string(),
  msg: z.string(),
  msgBody: z.string().optional(),
  msgType: z.string(),
  msgMethod: z.string(),
  del: z.boolean(),
  created: z.number(),
  lastModified: z.number(),
  nbComments: z.number().optional(),
  nbMedias: z.number(),
  nbDocs: z.number(),
  medias: z.array(mediaSchema).optional(),
  docs: z.array(mediaSchema).optional(),
  event: z.looseObject({ eventStart: z.number(), eventEnd: z.number() }).nullable().optional(),
});

export const bookMessagesSchema = z.looseObject({
  ...ok,
  sstamp: stamp,
  b_c: z.string(),
  b_o: z.string(),
  bookMessages: z.array(messageSchema),
});

export const bookSchema = z.looseObject({
  archived: z.boolean(),
  sstamp: z.number(),
  del: z.boolean(),
  b_c: z.string(),
  b_o: z.string(),
  nbNotRead: z.number(),
  nbMembers: z.number(),
  members: z.array(z.looseObject({ u_c: z.string(), invite: z.string(), right: z.number() })),
  lastMsg: messageSchema.nullable().optional(),
  ownerPrefs: z.looseObject({ title: z.string().optional() }),
  favorite: z.boolean(),
});

export const allBooksSchema = z.looseObject({
  ...ok,
  sstamp: stamp,
  allBooks: z.looseObject({ nbBooks: z.number(), books: z.array(bookSchema) }),
});

export const bookInfoSchema = z.looseObject({ ...ok, sstamp: stamp, book: bookSchema });

/** `fileUpload`: the doc types every value as a string; numbers are taken too. */
const text = z.union([z.string(), z.number()]).transform(String);
export const fileUploadSchema = z.looseObject({
  ...ok,
  id: text,
  uuid: z.string(),
  type: z.enum(['media', 'doc']),
  mdc: text,
  ext: z.string(),
  originName: z.string(),
  internName: z.string(),
  smid: text.nullable().optional(),
  rowId: text.nullable().optional(),
  fieldId: text.nullable().optional(),
});

export const messageWriteSchema = z.looseObject({ ...ok, sstamp: stamp, createMessageId: z.number().optional() });

export const fieldSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  linkedCatId: z.number().nullable().optional(),
});

const viewSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  locked: z.boolean(),
  filterGroup: z
    .looseObject({
      id: z.number(),
      operator: z.string(),
      filters: z.array(
        z.looseObject({
          id: z.union([z.number(), z.string()]),
          field_id: z.union([z.number(), z.string()]),
          filter_type: z.string(),
          json: z.looseObject({ predicate: z.string(), operand: z.unknown() }),
        }),
      ),
    })
    .nullable(),
});

export const bookTablesSchema = z.looseObject({
  ...ok,
  sstamp: stamp,
  bookTables: z.looseObject({
    id: z.number(),
    categories: z.array(
      z.looseObject({
        id: z.number(),
        name: z.string(),
        description: z.string().nullable(),
        locked: z.boolean(),
        views: z.array(viewSchema),
        fields: z.array(fieldSchema).nullable(),
      }),
    ),
  }),
});

const cellSchema = z.looseObject({ value: z.unknown(), text: z.string().optional() });

export const tableRowsSchema = z.looseObject({
  ...ok,
  sstamp: stamp,
  catId: z.number(),
  nbRows: z.number(),
  fields: z.array(fieldSchema),
  rows: z.array(z.looseObject({ id: z.number(), fields: z.record(z.string(), cellSchema) })),
});

export const countSchema = z.looseObject({ ...ok, result: z.looseObject({ count: z.number() }) });
export const valueSubsetSchema = z.looseObject({ ...ok, tableValues: z.array(z.array(z.unknown())) });
export const pivotSchema = z.looseObject({ ...ok, pivotValues: z.record(z.string(), z.unknown()) });

export const rowWriteSchema = z.looseObject({
  ...ok,
  newRows: z.array(z.looseObject({ id: z.number(), tmpId: z.string() })).optional(),
});

export const rowsWriteSchema = z.looseObject({
  ...ok,
  modified: z.number(),
  created: z.number(),
  newRows: z.array(z.looseObject({ id: z.number(), tmpId: z.string() })).optional(),
});

export const rowDeleteSchema = z.looseObject({
  ...ok,
  deletedRow: z.looseObject({ id: z.string() }).optional(),
  deletedRows: z.array(z.looseObject({ id: z.string() })).optional(),
});

export const commentsSchema = z.looseObject({
  ...ok,
  sstamp: stamp,
  data: z.looseObject({
    users: z.record(z.string(), z.looseObject({ n: z.string(), s: z.number() })),
    summary: z.looseObject({ total: z.number(), totalUnread: z.number() }),
    comments: z.array(z.looseObject({ id: z.number(), m: z.string(), uc: z.string(), c: z.number(), s: z.number() })),
  }),
});
