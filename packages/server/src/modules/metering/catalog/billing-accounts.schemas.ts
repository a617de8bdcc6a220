/** Billing account schemas: the PUT body and the object answered (one table with Flex, ADR 0012). */
import { type Static, Type } from '@sinclair/typebox';
import { catalogId, currency, text, timestampProperties } from './catalog.schemas.js';

export const BILLING_ACCOUNT_FIELDS = ['name', 'currency', 'accountingDay', 'fiscalStartMonth'] as const;

export const BillingAccountBody = Type.Object(
  {
    name: text('Display name; Flex orders show it as billingAccountName.'),
    currency: Type.Optional(currency('The currency the account is billed in. Default USD.')),
    accountingDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 31, default: 1, description: 'Day of the month a billing period starts (1–31; in a shorter month, its last day). Default 1.' })),
    fiscalStartMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, default: 1, description: 'Month a fiscal year starts (1–12). Default 1.' })),
  },
  { additionalProperties: false, title: 'MeteringBillingAccountInput' },
);

export const BillingAccount = Type.Object(
  {
    id: catalogId('The billing account id.'),
    name: Type.String(),
    currency: Type.String({ examples: ['USD'] }),
    accountingDay: Type.Integer(),
    fiscalStartMonth: Type.Integer(),
    customerId: Type.Integer({ description: 'The stable integer Cloud Cruiser clients know the account by (Customer/@id in /rest/v1).' }),
    ...timestampProperties('the account'),
  },
  { title: 'MeteringBillingAccount' },
);
export type BillingAccountDto = Static<typeof BillingAccount>;

export interface BillingAccountInput {
  name: string;
  currency: string;
  accountingDay: number;
  fiscalStartMonth: number;
}
