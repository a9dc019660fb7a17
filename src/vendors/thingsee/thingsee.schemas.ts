import { z } from 'zod';

/**
 * Edge validation of Thingsee answers. Each schema validates the whole `{ data: … }`
 * envelope and unknown keys pass through into `raw`. Numbers the doc shows both as numbers
 * and as strings (location) are accepted in both forms.
 */
const envelope = <T extends z.ZodType>(data: T) => z.looseObject({ data });

const numeric = z.union([z.number(), z.string()]);

export const clientTokenSchema = envelope(z.looseObject({ token: z.string().min(1) }));

export const alertingTuidsSchema = envelope(z.looseObject({ alerting_tuids: z.array(z.string()) }));

export const alertCountSchema = envelope(z.looseObject({ alert_count: numeric }));

export const thingAlertsSchema = envelope(
  z.array(
    z.looseObject({
      tuid: z.string(),
      alert_type: z.string(),
      alerts: z.array(z.looseObject({ from: z.string(), to: z.string().nullish() })),
    }),
  ),
);

export const thingSchema = envelope(
  z.looseObject({
    battery_level: z.number().nullish(),
    timestamp: z.number().nullish(),
    location: z.looseObject({ lat: numeric, lon: numeric }).nullish(),
    gateway_tuid: z.string().nullish(),
    version: z.string().nullish(),
  }),
);

const messageSchema = z.looseObject({
  tsmId: z.number(),
  tsmEv: z.number(),
  tsmTs: z.number(),
  tsmTuid: z.string(),
  tsmGw: z.string().optional(),
  deploymentGroupId: z.string().optional(),
});
export const messagesSchema = envelope(z.array(messageSchema));

const commandSchema = z.looseObject({ tsmId: z.number(), tsmEv: z.number(), tsmTs: z.number(), tsmDstTuid: z.string() });

export const commandRecordsSchema = envelope(
  z.array(z.looseObject({ tuid: z.string(), timestamp: z.number(), responsible: z.string().nullish(), command: commandSchema })),
);

export const sentCommandsSchema = envelope(z.looseObject({ responsible: z.string().nullish(), commands: z.array(commandSchema) }));

export const installationsSchema = envelope(
  z.array(
    z.looseObject({ tuid: z.string(), installation_status: z.string(), timestamp: z.number(), responsible: z.string().nullish() }),
  ),
);

export const installationSetSchema = envelope(z.looseObject({ tuid: z.string(), installation_status: z.string() }));

export const thingGroupSchema = envelope(z.looseObject({ group_id: z.string(), tuid: z.string().optional() }));

const groupSchema = z.looseObject({ group_id: z.string(), group_description: z.string().nullish() });
export const groupAnswerSchema = envelope(groupSchema);

/**
 * `GET /groups` has no documented answer. We read `{ data: [group…] }` (what the simulator
 * serves, like the other list endpoints) and also accept `{ data: { groups: [group…] } }`.
 */
export const groupListSchema = envelope(z.union([z.array(groupSchema), z.looseObject({ groups: z.array(groupSchema) })]));

export const groupRenameSchema = envelope(z.looseObject({ group_id: z.string(), old: z.string(), renamed: z.boolean() }));

export const groupDeleteSchema = envelope(z.looseObject({ group_id: z.string(), deleted: z.boolean() }));

export const groupThingsSchema = envelope(z.looseObject({ tuids: z.array(z.string()) }));
