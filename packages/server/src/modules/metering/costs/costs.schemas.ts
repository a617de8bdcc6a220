/** Cost records and cost summary: query strings and response shapes, the record's built from its column list. */
import { type TSchema, Type, type Static } from '@sinclair/typebox';
import { listParameter, pagingQuery } from '../../../platform/query/index.js';
import type { CostRecordColumn } from '../../cost-records/index.js';
import { COST_RECORD_FIELDS } from './cost-records.fields.js';
import {
  GRANULARITIES, MAX_DAY_RANGE_DAYS, MAX_GROUP_FIELDS, MAX_TAG_KEY_LENGTH, MAX_TAG_KEYS, SUMMARY_GROUP_FIELDS, SUMMARY_MEASURES,
} from './cost-summary.fields.js';

// Plain `enum`s rather than unions of literals: Ajv then reports one issue per bad value, not one per literal.
const enumOf = <T extends string>(values: readonly T[], description: string, defaultValue?: T) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description, ...(defaultValue !== undefined && { default: defaultValue }) });

const decimal = (description: string) => Type.String({ description: `${description} A decimal string, exactly as stored.`, examples: ['0.35312696'] });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const valueSchemas: Record<CostRecordColumn['type'], () => TSchema> = {
  string: () => Type.String(),
  uuid: () => Type.String({ format: 'uuid' }),
  decimal: () => Type.String({ description: 'A decimal string, exactly as stored (never a binary float).' }),
  timestamp: () => Type.String({ format: 'date-time', description: 'FOCUS date/time: UTC, no fractional seconds.' }),
  json: () => Type.Record(Type.String(), Type.Unknown()),
};

/**
 * One FOCUS cost record keyed by FOCUS column name, in FOCUS 1.2 order then the `x_` columns.
 * Every property is optional because `select` may ask for fewer; a column without a value is null.
 */
export const CostRecord = Type.Object(
  Object.fromEntries(
    COST_RECORD_FIELDS.map((c) => {
      const schema = valueSchemas[c.type]();
      return [c.name, Type.Optional(c.nullable ? nullable(schema) : schema)];
    }),
  ),
  { title: 'CostRecord' },
);
export type CostRecordDto = Record<string, unknown>;

export const CostRecordsQuery = Type.Object({
  filter: Type.Optional(
    Type.String({
      description:
        "Filter over every FOCUS column but the JSON ones, by FOCUS name; decimals compare as numbers, e.g. `ServiceName eq 'VM' and BilledCost gt 1.5 and ChargePeriodStart ge '2026-04-01T00:00:00Z'`.",
    }),
  ),
  'filter-tags': Type.Optional(
    Type.String({ description: "Filter over `Tags`; keys and values compare case-insensitively, e.g. `'env' eq 'prod'`." }),
  ),
  sort: listParameter('Comma list of `FocusName [asc|desc]`; default `ChargePeriodStart asc, ResourceId asc, SkuPriceId asc`.'),
  select: listParameter('Comma list of the FOCUS columns to return, e.g. `ChargePeriodStart,ResourceId,BilledCost`.'),
  ...pagingQuery({ defaultLimit: 100, maxLimit: 1000 }),
});
export type CostRecordsQuery = Static<typeof CostRecordsQuery>;

export const CostSummaryQuery = Type.Object({
  groupBy: listParameter(
    `Comma list of 0 to ${MAX_GROUP_FIELDS} of ${SUMMARY_GROUP_FIELDS.join(', ')}. BillingCurrency is always grouped by: a sum across currencies would mean nothing.`,
    ['ServiceName,BillingAccountId'],
  ),
  groupByTag: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String())], {
      description: `One FOCUS tag key (\`Tags\`) to group by as well, besides groupBy: the whole value is the key, exactly as stored (1 to ${MAX_TAG_KEY_LENGTH} characters; ':', '.', '/', ',' and spaces are part of it; URL-encode it). Items carry its value as \`TagValue\`, null for the costs whose records lack the key, so the groups add up to the total without it. One key per query. The keys present in a range: GET /metering/v1/cost-tag-keys.`,
      examples: ['team'],
    }),
  ),
  granularity: Type.Optional(enumOf(GRANULARITIES, 'DAY (the default), or MONTH (calendar months, UTC).', 'DAY')),
  filter: Type.Optional(
    Type.String({
      description: `Only the costs this filter holds for, in the filter language of the list APIs (docs/filter-language.md), over ${SUMMARY_GROUP_FIELDS.join(', ')} (text; sub account, region, resource type and SKU may be null: \`RegionId eq null\`).`,
      examples: ["ServiceName eq 'Compute' and RegionId in ('us-east-1', 'us-west-2')"],
    }),
  ),
  from: Type.String({ description: 'First day included, an ISO date (YYYY-MM-DD).', examples: ['2026-04-01'] }),
  to: Type.String({
    description: `First day not included, an ISO date after \`from\`; at most ${MAX_DAY_RANGE_DAYS} days after it for DAY.`,
    examples: ['2026-05-01'],
  }),
});
export type CostSummaryQuery = Static<typeof CostSummaryQuery>;

const groupProperties = Object.fromEntries(
  SUMMARY_GROUP_FIELDS.filter((f) => f !== 'BillingCurrency').map((f) => [f, Type.Optional(nullable(Type.String()))]),
);
// Quantities add up whatever units a group spans; grouped by SkuId they are of one unit.
const measureProperties = Object.fromEntries(
  Object.keys(SUMMARY_MEASURES).map((m) => [
    m,
    nullable(decimal(`The sum of ${m}; null when no record of the group has one.${m.endsWith('Quantity') ? ' Of one unit only when grouped by SkuId.' : ''}`)),
  ]),
);

const periodBound = (description: string) => Type.String({ format: 'date-time', description, examples: ['2026-04-01T00:00:00Z'] });

export const CostSummaryItem = Type.Object(
  {
    periodStart: periodBound('Start of the day or calendar month (UTC).'),
    periodEnd: periodBound('End (exclusive) of the day or calendar month.'),
    ...groupProperties,
    TagValue: Type.Optional(
      nullable(Type.String({ description: 'With groupByTag: the value of that tag key; null for the costs whose records lack the key.' })),
    ),
    BillingCurrency: Type.String(),
    ...measureProperties,
    records: Type.Integer({ description: 'Cost records summed.' }),
    unpricedRecords: Type.Integer({ description: 'Of those, records without a price (their costs are null, not zero).' }),
  },
  { title: 'CostSummaryItem' },
);

export const CostSummary = Type.Object(
  {
    granularity: enumOf(GRANULARITIES, 'The bucket size.'),
    groupBy: Type.Array(Type.String(), { description: 'The fields grouped by, as asked (BillingCurrency is grouped by in any case).' }),
    groupByTag: Type.Optional(Type.String({ description: 'The tag key grouped by, when asked; its values are the items\' TagValue.' })),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    items: Type.Array(CostSummaryItem),
    count: Type.Integer({ description: 'Items returned.' }),
  },
  { title: 'CostSummary' },
);
export type CostSummaryDto = Static<typeof CostSummary>;

export const CostTagKeysQuery = Type.Object({
  from: Type.String({ description: 'First day included, an ISO date (YYYY-MM-DD).', examples: ['2026-04-01'] }),
  to: Type.String({ description: 'First day not included, an ISO date after `from`.', examples: ['2026-05-01'] }),
});
export type CostTagKeysQuery = Static<typeof CostTagKeysQuery>;

export const CostTagKeys = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    items: Type.Array(
      Type.Object({ key: Type.String({ description: 'A FOCUS tag key, exactly as on the cost records; the groupByTag of cost-summary.' }) }),
      { description: `The tag keys on the costs of [from, to), in key order; at most ${MAX_TAG_KEYS}.` },
    ),
    count: Type.Integer({ description: 'Keys returned.' }),
  },
  { title: 'CostTagKeys' },
);
export type CostTagKeysDto = Static<typeof CostTagKeys>;
