/** Notification channel schemas (`/budgets/v1/notification-channels`): a signed webhook or e-mail to a list of recipients. */
import { type Static, Type } from '@sinclair/typebox';
import { listParameter, pagingQuery } from '../../../platform/query/index.js';
import { NOTIFICATION_CHANNEL_KINDS } from './notifications.enums.js';

export const MAX_NAME_LENGTH = 256;
export const MAX_URL_LENGTH = 2048;
export const MAX_RECIPIENTS = 50;
export const MAX_ADDRESS_LENGTH = 254;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const Kind = Type.Unsafe<(typeof NOTIFICATION_CHANNEL_KINDS)[number]>({
  type: 'string',
  enum: [...NOTIFICATION_CHANNEL_KINDS],
  description: 'WEBHOOK: an HTTPS (or HTTP) POST of the alert as JSON, signed; EMAIL: one message per alert and recipient over SMTP.',
});
const name = Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH, description: 'A name for people.' });
const url = Type.String({ format: 'uri', maxLength: MAX_URL_LENGTH, description: 'WEBHOOK only: the http(s) URL alerts are POSTed to.' });
const recipients = Type.Array(Type.String({ format: 'email', maxLength: MAX_ADDRESS_LENGTH }), {
  minItems: 1,
  maxItems: MAX_RECIPIENTS,
  description: `EMAIL only: 1–${MAX_RECIPIENTS} addresses, each sent its own message.`,
});
const enabled = Type.Boolean({ description: 'Alerts are sent through the channel only while it is enabled. Default true.' });

export const NotificationChannel = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name,
    kind: Kind,
    url: Type.Optional(url),
    recipients: Type.Optional(recipients),
    enabled,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'NotificationChannel' },
);
export type NotificationChannelDto = Static<typeof NotificationChannel>;

export const CreatedNotificationChannel = Type.Object(
  {
    ...NotificationChannel.properties,
    signingSecret: Type.Optional(
      Type.String({
        description:
          'WEBHOOK only, answered once, at creation: the key of the `Consumo-Signature` HMAC-SHA256. Keep it; it is never shown again (delete and create the channel to get a new one).',
        examples: ['whsec_9mJ3…'],
      }),
    ),
  },
  { title: 'CreatedNotificationChannel' },
);
export type CreatedNotificationChannelDto = Static<typeof CreatedNotificationChannel>;

/** Bodies are read by the service field by field, so that one 400 names every bad field. */
export const ChannelBody = Type.Object(
  { kind: Kind, name, url: Type.Optional(url), recipients: Type.Optional(recipients), enabled: Type.Optional(enabled) },
  { additionalProperties: false, title: 'NotificationChannelInput' },
);

export const ChannelPatchBody = Type.Object(
  {
    kind: Type.Optional(Kind),
    name: Type.Optional(name),
    url: Type.Optional(url),
    recipients: Type.Optional(recipients),
    enabled: Type.Optional(Type.Union([enabled, Type.Null()])),
  },
  { additionalProperties: false, title: 'NotificationChannelPatch', description: 'A JSON merge patch (RFC 7396); `kind` may be given but not changed.' },
);

export const ChannelParams = Type.Object({ id: Type.String({ description: 'The channel id (a UUID).' }) });

export const ChannelListQuery = Type.Object(
  {
    filter: Type.Optional(Type.String({ description: "Filter expression, e.g. `kind eq 'WEBHOOK' and enabled eq true`." })),
    sort: listParameter('Comma list of `field [asc|desc]`; default createdAt.'),
    select: listParameter('Comma list of the fields to return.'),
    ...pagingQuery({ defaultLimit: DEFAULT_LIMIT, maxLimit: MAX_LIMIT }),
  },
  { additionalProperties: false },
);
