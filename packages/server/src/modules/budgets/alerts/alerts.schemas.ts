/** Alert instance schemas (`/budgets/v1/alerts`): what fired, against which budget and usage, and where it was sent. */
import { type Static, Type } from '@sinclair/typebox';
import { listParameter, pagingQuery } from '../../../platform/query/index.js';
import { ALERT_KINDS } from '../budgets.enums.js';
import { DELIVERY_STATUSES, NOTIFICATION_CHANNEL_KINDS } from '../notifications/notifications.enums.js';
import { ALERTS_DEFAULT_LIMIT, ALERTS_MAX_LIMIT } from './alerts.fields.js';

const enumOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], description });
const decimal = (description: string) => Type.String({ description: `${description} A decimal string.`, examples: ['1000.00'] });

export const AlertDelivery = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'The delivery id: the webhook\'s `Consumo-Delivery` header, the e-mail\'s Message-ID.' }),
    channelId: Type.String({ format: 'uuid' }),
    kind: enumOf(NOTIFICATION_CHANNEL_KINDS, 'The channel\'s kind.'),
    recipient: Type.String({ description: 'The webhook URL or the e-mail address.' }),
    status: enumOf(DELIVERY_STATUSES, 'PENDING until the receiver acknowledged it (DELIVERED) or the attempts ran out (DEAD).'),
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()], { description: 'Why the last attempt failed, if it did.' }),
    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { title: 'BudgetAlertDelivery' },
);
export type AlertDeliveryDto = Static<typeof AlertDelivery>;

export const BudgetAlert = Type.Object(
  {
    id: Type.Integer(),
    customerId: Type.Integer({ description: 'Cloud Cruiser\'s customer id.' }),
    accountId: Type.String({ description: 'The billing account (Cloud Cruiser\'s customer accountId).' }),
    customerName: Type.String(),
    accountingYear: Type.Integer(),
    accountingPeriod: Type.Integer({ minimum: 1, maximum: 12 }),
    alertType: enumOf(ALERT_KINDS, 'STANDARD: the usage so far reached the threshold; PROJECTED: its projection over the whole period did.'),
    thresholdLevel: Type.Integer({ minimum: 1, maximum: 3 }),
    thresholdPercent: Type.Integer(),
    currencyCode: Type.String(),
    budgetValue: decimal('The period budget the threshold applied to (the default alert cost level where the budget had none).'),
    actualValue: decimal('Billed cost of the period when the alert fired.'),
    projectedValue: Type.Union([decimal('PROJECTED: the projection for the whole period.'), Type.Null()]),
    alertDate: Type.String({ format: 'date-time', description: 'When the alert fired.' }),
    deliveries: Type.Array(AlertDelivery),
  },
  { title: 'BudgetAlert' },
);
export type BudgetAlertDto = Static<typeof BudgetAlert>;

export const AlertParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The alert id.' }) });

export const AlertListQuery = Type.Object(
  {
    filter: Type.Optional(Type.String({ description: "Filter expression, e.g. `accountId eq 'BA-1' and alertType eq 'STANDARD'`." })),
    sort: listParameter('Comma list of `field [asc|desc]`; default `alertDate desc, id desc` (newest first).'),
    select: listParameter('Comma list of the fields to return.'),
    ...pagingQuery({ defaultLimit: ALERTS_DEFAULT_LIMIT, maxLimit: ALERTS_MAX_LIMIT }),
  },
  { additionalProperties: false },
);
