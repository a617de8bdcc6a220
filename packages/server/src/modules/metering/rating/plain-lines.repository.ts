/**
 * One statement per rated day: aggregate the day's usage per resource and meter (by each meter's
 * aggregation), insert the plain lines (plain-lines.ts) priced in SQL as cost records, and return
 * every other aggregate, with its resource, for price-usage.ts to price. One pass over the day's
 * events, and the common line never travels to Node and back.
 *
 * The SQL writes what priceDay writes for the same line, column for column: the same constants,
 * the same catalog fields (the prices, accounts and billing periods come from the plan, so both
 * read one copy), and the same decimals — each the exact value rounded once, half away from zero
 * (exact-ratio.ts does the same in JavaScript), with trailing zeros trimmed as decimal.js writes
 * them. plain-lines.test.ts rates days both ways and compares every column of every record.
 *
 * Each aggregate is joined to its resource, account and price once (`l`), with whether SQL prices
 * it; the insert and the answer both read `l`. An earlier shape answered with the aggregates not
 * in the insert's RETURNING: PostgreSQL guesses a few rows for a RETURNING, planned the anti-join
 * as a nested loop, and a day of 10,000 resources took 20 s instead of 1.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';
import { COST_RECORD_COLUMNS, SQL_TYPE_OF } from '../../cost-records/index.js';
import { COST_SCALE, QUANTITY_SCALE } from './decimal.js';
import { MAX_EXPORT_INTEGER_DIGITS } from './export-range.js';
import type { PlainLinePlan } from './plain-lines.js';
import type { RatedResource, UsageAggregate } from './price-usage.js';

/**
 * `num / den` (den > 0) rounded to `scale` places, half away from zero, exactly: PostgreSQL's `/`
 * would first round at a scale of its own choosing; `div` truncates exactly, and
 * ⌊(2·|num|·10^scale + den) / (2·den)⌋ is the half-up rounding of |num| / den.
 */
function roundedRatio(num: string, den: string, scale: number): string {
  return `trim_scale(sign(${num}) * div(abs(${num}) * 2${'0'.repeat(scale)} + ${den}, 2 * ${den}) * 0.${'0'.repeat(scale - 1)}1)`;
}

/**
 * What a plain line writes in each column, from the day's line `l` (its aggregate, resource,
 * billing account, price and decimals) and the day `d`; every column not named here is null, as in
 * priceDay's rows.
 */
const PLAIN_LINE_VALUES: Readonly<Record<string, string>> = {
  line_key: 'l.sku_price_id',
  workspace_id: 'd.workspace_id',
  availability_zone: 'l.availability_zone',
  billing_account_id: 'l.billing_account_id',
  billing_account_name: 'l.billing_account_name',
  billing_account_type: `'Billing Account'`,
  billing_currency: 'l.billing_currency',
  billing_period_start: 'l.billing_period_start',
  billing_period_end: 'l.billing_period_end',
  charge_category: `'Usage'`,
  charge_frequency: `'Usage-Based'`,
  charge_period_start: 'd.charge_period_start',
  charge_period_end: 'd.charge_period_end',
  region_id: 'l.region_id',
  region_name: 'l.region_name',
  resource_id: 'l.resource_id',
  resource_name: 'l.name',
  resource_type: 'l.resource_type',
  service_category: 'l.service_category',
  service_name: 'l.service_name',
  service_subcategory: 'l.service_subcategory',
  sub_account_id: 'l.sub_account_id',
  sub_account_name: 'case when l.sub_account_id is null then null else l.sub_account_name end',
  sub_account_type: `case when l.sub_account_id is null then null else 'Sub Account' end`,
  tags: 'l.tags',
  sku_id: 'l.sku_id',
  sku_price_id: 'l.sku_price_id',
  sku_meter: 'l.meter_id',
  charge_description: `coalesce(l.charge_description, l.list_unit_price || ' ' || l.pricing_unit || ' ' || coalesce(l.name, l.resource_id))`,
  publisher_name: 'l.publisher_name',
  provider_name: 'l.provider_name',
  invoice_issuer_name: 'l.invoice_issuer_name',
  pricing_unit: 'l.pricing_unit',
  pricing_quantity: 'l.pricing_quantity',
  pricing_category: `'Standard'`,
  pricing_currency: 'l.pricing_currency',
  consumed_quantity: 'l.consumed_quantity',
  consumed_unit: 'l.consumed_unit',
  // No contracted price: the list price is the contracted one, and every cost is one product.
  list_unit_price: 'l.unit_price',
  list_cost: 'l.cost',
  contracted_unit_price: 'l.unit_price',
  contracted_cost: 'l.cost',
  effective_cost: 'l.cost',
  billed_cost: 'l.cost',
  pricing_currency_list_unit_price: 'l.unit_price',
  pricing_currency_contracted_unit_price: 'l.unit_price',
  pricing_currency_effective_cost: 'l.cost',
  x_meter_id: 'l.meter_id',
  x_rating_status: `'RATED'`,
  x_price_effective_from: 'l.effective_from',
  x_rated_at: 'd.rated_at',
  x_rating_run_id: 'd.run_id',
};

const INSERTED_COLUMNS: readonly { column: string; value: string }[] = [
  { column: 'line_key', value: PLAIN_LINE_VALUES.line_key! },
  { column: 'workspace_id', value: PLAIN_LINE_VALUES.workspace_id! },
  ...COST_RECORD_COLUMNS.map((c) => ({ column: c.column, value: PLAIN_LINE_VALUES[c.column] ?? `null::${SQL_TYPE_OF[c.type]}` })),
];

const INSERT_COLUMNS = sql.raw(INSERTED_COLUMNS.map((c) => c.column).join(', '));
const INSERT_VALUES = sql.raw(INSERTED_COLUMNS.map((c) => c.value).join(',\n      '));

/** A decimal an export can write: fewer than 24 integer digits (export-range.ts). */
const fits = (value: string) => `abs(${value}) < 1${'0'.repeat(MAX_EXPORT_INTEGER_DIGITS)}`;

/**
 * The line's decimals, from the aggregate `u` (quantity ÷ per) and the price `p` (null without
 * one), the numerators and denominator computed once in `v`.
 */
const LINE_DECIMALS = sql.raw(`
        select ${roundedRatio('u.quantity', 'u.per', QUANTITY_SCALE)} as consumed_quantity,
          ${roundedRatio('u.quantity', 'v.den', QUANTITY_SCALE)} as pricing_quantity,
          ${roundedRatio('v.cost', 'v.den', COST_SCALE)} as cost
        from (select u.per * p.pricing_quantity_divisor as den, u.quantity * p.unit_price as cost) v`);

/** Whether SQL prices the line: a plain price for its meter in its account's currency, not excluded, every decimal exportable. */
const IN_SQL = sql.raw(`coalesce(p.meter_id is not null and x.meter_id is null
          and ${['q.consumed_quantity', 'q.pricing_quantity', 'q.cost', 'p.unit_price'].map(fits).join(' and ')}, false)`);

export interface DayToRate {
  workspaceId: string;
  from: Date;
  to: Date;
  ratedAt: Date;
  runId: string | null;
}

export interface UsageLeftToPrice {
  /** Cost records the statement inserted. */
  recordsInSql: number;
  /** The aggregates it did not price, for priceDay. */
  usage: UsageAggregate[];
  /** Their resources (as they are now: the day's transaction reads them). */
  resources: Map<string, RatedResource>;
}

interface LeftRow {
  resource_id: string | null;
  meter_id: string | null;
  quantity: string | null;
  per: string | null;
  billing_account_id: string | null;
  sub_account_id: string | null;
  sub_account_name: string | null;
  name: string | null;
  resource_type: string | null;
  service_name: string | null;
  service_category: string | null;
  service_subcategory: string | null;
  region_id: string | null;
  region_name: string | null;
  availability_zone: string | null;
  tags: Record<string, string> | null;
  records_in_sql: number | null;
}

const json = (rows: readonly Record<string, unknown>[]): RawBuilder<unknown> => sql`${JSON.stringify(rows)}::json`;

/**
 * Aggregates the day's usage, inserts its plain lines as priced by `plan` (the day's records must
 * have been deleted first) and returns the rest. Run it in the day's transaction.
 */
export async function ratePlainLines(db: Executor, day: DayToRate, plan: PlainLinePlan): Promise<UsageLeftToPrice> {
  const accounts = json(
    plan.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      currency: a.currency,
      billing_period_start: a.billingPeriodStart.toISOString(),
      billing_period_end: a.billingPeriodEnd.toISOString(),
    })),
  );
  const prices = json(
    plan.prices.map((p) => ({
      meter_id: p.meterId,
      consumed_unit: p.consumedUnit,
      sku_id: p.skuId,
      sku_price_id: p.skuPriceId,
      effective_from: p.effectiveFrom.toISOString(),
      charge_description: p.chargeDescription,
      publisher_name: p.publisherName,
      provider_name: p.providerName,
      invoice_issuer_name: p.invoiceIssuerName,
      pricing_unit: p.pricingUnit,
      pricing_quantity_divisor: p.pricingQuantityDivisor,
      list_unit_price: p.listUnitPrice,
      currency: p.currency,
    })),
  );
  const excluded = json(plan.excluded.map((x) => ({ billing_account_id: x.billingAccountId, meter_id: x.meterId })));
  const { workspaceId } = day;
  const from = day.from.toISOString();
  const to = day.to.toISOString();
  const result = await sql<LeftRow>`
    with d as (
      select ${workspaceId}::text as workspace_id, ${from}::timestamptz as charge_period_start,
        ${to}::timestamptz as charge_period_end, ${day.ratedAt.toISOString()}::timestamptz as rated_at, ${day.runId}::uuid as run_id
    ),
    a as (
      select * from json_to_recordset(${accounts})
        as a(id text, name text, currency text, billing_period_start timestamptz, billing_period_end timestamptz)
    ),
    p_text as (
      select * from json_to_recordset(${prices})
        as p(meter_id text, consumed_unit text, sku_id text, sku_price_id text, effective_from timestamptz, charge_description text,
          publisher_name text, provider_name text, invoice_issuer_name text, pricing_unit text, pricing_quantity_divisor numeric,
          list_unit_price text, currency text)
    ),
    -- The list unit price as a number once per price (its text, as stored, is the default ChargeDescription's).
    p as (
      select *, list_unit_price::numeric as unit_price from p_text
    ),
    x as (
      select * from json_to_recordset(${excluded}) as x(billing_account_id text, meter_id text)
    ),
    u as materialized (
      -- SUM, COUNT, MAX: plain aggregates, so the day's events are grouped by hashing, never sorted.
      -- Grouped first, all three computed, and only the groups joined to their meter: joining each
      -- event to its meter before grouping took twice as long (106 ms against 49 for 100,000 events).
      select g.subject as resource_id, g.meter_id,
        (case m.aggregation when 'SUM' then g.total when 'COUNT' then g.events::numeric else g.largest end) as quantity,
        1::numeric as per
      from (
        select e.subject, e.meter_id, sum(e.value) as total, count(*) as events, max(e.value) as largest
        from usage_events e
        where e.workspace_id = ${workspaceId} and e.time >= ${from}::timestamptz and e.time < ${to}::timestamptz
        group by e.subject, e.meter_id
      ) g
      join meters m on m.workspace_id = ${workspaceId} and m.id = g.meter_id and m.aggregation in ('SUM', 'COUNT', 'MAX')
      union all
      -- LATEST: the value of the day's last event by time, then source and id. The workspace's
      -- LATEST and time-weighted meters are looked up first, so a day without them reads its events once.
      (
        select distinct on (e.subject, e.meter_id) e.subject, e.meter_id, e.value, 1::numeric
        from usage_events e
        join meters m on m.workspace_id = e.workspace_id and m.id = e.meter_id
        where e.workspace_id = ${workspaceId} and e.time >= ${from}::timestamptz and e.time < ${to}::timestamptz
          and m.aggregation = 'LATEST'
          and exists (select 1 from meters where workspace_id = ${workspaceId} and aggregation = 'LATEST')
        order by e.subject, e.meter_id, e.time desc, e.source desc, e.id desc
      )
      union all
      -- Time-weighted: each value holds until the next event or the day's end; value × seconds, per 3600 (hours).
      select subject, meter_id, sum(value * extract(epoch from (until - time))), 3600::numeric
      from (
        select e.subject, e.meter_id, e.value, e.time,
          coalesce(lead(e.time) over (partition by e.subject, e.meter_id order by e.time, e.source, e.id), ${to}::timestamptz) as until
        from usage_events e
        join meters m on m.workspace_id = e.workspace_id and m.id = e.meter_id
        where e.workspace_id = ${workspaceId} and e.time >= ${from}::timestamptz and e.time < ${to}::timestamptz
          and m.aggregation = 'TIME_WEIGHTED_SUM'
          and exists (select 1 from meters where workspace_id = ${workspaceId} and aggregation = 'TIME_WEIGHTED_SUM')
      ) levels
      group by subject, meter_id
    ),
    -- Every aggregate of a resource, once, with what pricing it needs; the plain lines are inserted
    -- from it, the others returned from it (no second join, no anti-join).
    l as materialized (
      select u.resource_id, u.meter_id, u.quantity, u.per, r.billing_account_id, r.sub_account_id, r.sub_account_name, r.name,
        r.resource_type, r.service_name, r.service_category, r.service_subcategory, r.region_id, r.region_name,
        r.availability_zone, r.tags, a.name as billing_account_name, a.currency as billing_currency, a.billing_period_start,
        a.billing_period_end, p.consumed_unit, p.sku_id, p.sku_price_id, p.effective_from, p.charge_description,
        p.publisher_name, p.provider_name, p.invoice_issuer_name, p.pricing_unit, p.list_unit_price, p.unit_price,
        p.currency as pricing_currency, q.consumed_quantity, q.pricing_quantity, q.cost, ${IN_SQL} as in_sql
      from u
      join metering_resources r on r.workspace_id = ${workspaceId} and r.id = u.resource_id
      left join a on a.id = r.billing_account_id
      left join p on p.meter_id = u.meter_id and p.currency = a.currency
      left join x on x.billing_account_id = a.id and x.meter_id = u.meter_id
      cross join lateral (${LINE_DECIMALS}) q
    ),
    rated as (
      insert into cost_records (${INSERT_COLUMNS})
      select ${INSERT_VALUES}
      from l cross join d
      where l.in_sql
      returning 1
    )
    select resource_id, meter_id, quantity::text as quantity, per::text as per, billing_account_id, sub_account_id,
      sub_account_name, name, resource_type, service_name, service_category, service_subcategory, region_id,
      region_name, availability_zone, tags, null::int as records_in_sql
    from l
    where not l.in_sql
    union all
    select null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
      (select count(*)::int from rated)`.execute(db);
  const left: UsageLeftToPrice = { recordsInSql: 0, usage: [], resources: new Map() };
  for (const row of result.rows) {
    if (row.records_in_sql !== null) {
      left.recordsInSql = row.records_in_sql;
      continue;
    }
    const resourceId = row.resource_id!;
    left.usage.push({ resourceId, meterId: row.meter_id!, quantity: row.quantity!, ...(row.per !== '1' && { per: row.per! }) });
    if (!left.resources.has(resourceId)) {
      left.resources.set(resourceId, {
        id: resourceId,
        billingAccountId: row.billing_account_id!,
        subAccountId: row.sub_account_id,
        subAccountName: row.sub_account_name,
        name: row.name,
        resourceType: row.resource_type,
        serviceName: row.service_name!,
        serviceCategory: row.service_category!,
        serviceSubcategory: row.service_subcategory,
        regionId: row.region_id,
        regionName: row.region_name,
        availabilityZone: row.availability_zone,
        tags: row.tags!,
      });
    }
  }
  return left;
}
