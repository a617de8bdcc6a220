/**
 * Monthly rollups beside the daily ones, so a MONTH view of cost-summary over a year reads twelve
 * months of rows instead of 365 days of them (bench/cost-explorer; ADR 0027, "Monthly rollups").
 *
 * - cost_rollups_monthly and cost_tag_rollups_monthly: cost_rollups_daily's and
 *   cost_tag_rollups_daily's keys and measures with `month` (the month's first day) for `day`,
 *   each row the sum of the month's daily rows of the same keys (numeric sums: exact). Record
 *   counts are bigint: a month sums up to 31 days of integer counts.
 * - Rating keeps them exact: whenever it rewrites a day's rollups it rewrites that day's month
 *   from the daily rows, in the same transaction, under the month's advisory lock.
 * - One row per month and key, enforced: a unique index (NULLS NOT DISTINCT, as the dimensions
 *   may be null) on the workspace, the month (and tag key, then value) and the dimensions, so a
 *   rewrite that would leave a month's rows twice fails instead of doubling its sums. It leads
 *   with workspace_id as every tenant key does, and serves a range of months (of one tag key);
 *   cost_tag_rollups_monthly has (workspace_id, month) as well, for rating's rewrite of a month.
 * - A foreign key to the workspace (ON DELETE CASCADE): unlike the daily rollups, the monthly
 *   ones are small (a thirtieth), so a deleted workspace's rows follow it without a list.
 * - No primary key, as the daily rollups: their nullable dimensions could not be in one.
 *
 * This migration fills both from the daily rollups already there.
 */
import { type Kysely, sql } from 'kysely';

const DIMENSIONS = `billing_account_id, sub_account_id, service_name, service_category, region_id, resource_type, sku_id,
  charge_category, billing_currency`;
const SUMS = `sum(records), sum(list_cost), sum(contracted_cost), sum(effective_cost), sum(billed_cost), sum(consumed_quantity),
  sum(pricing_quantity), sum(unpriced_records)`;
const MEASURES = `records, list_cost, contracted_cost, effective_cost, billed_cost, consumed_quantity, pricing_quantity, unpriced_records`;

const columns = (keys: string) => `(
     workspace_id text not null references workspaces (id) on delete cascade,
     month date not null,${keys}
     billing_account_id text not null,
     sub_account_id text,
     service_name text not null,
     service_category text not null,
     region_id text,
     resource_type text,
     sku_id text,
     charge_category text not null,
     billing_currency text not null,
     records bigint not null,
     list_cost numeric,
     contracted_cost numeric,
     effective_cost numeric,
     billed_cost numeric,
     consumed_quantity numeric,
     pricing_quantity numeric,
     unpriced_records bigint not null,
     check (month = date_trunc('month', month::timestamp)::date)
   )`;

/** The backfill: rating's month rewrite for every workspace and month at once (rows of deleted workspaces, if any, left out). */
const backfill = (table: string, source: string, keys: string) => `
  insert into ${table} (workspace_id, month, ${keys}${DIMENSIONS}, ${MEASURES})
  select r.workspace_id, date_trunc('month', r.day::timestamp)::date, ${keys}${DIMENSIONS}, ${SUMS}
  from ${source} r
  where exists (select 1 from workspaces w where w.id = r.workspace_id)
  group by r.workspace_id, date_trunc('month', r.day::timestamp)::date, ${keys}${DIMENSIONS}`;

const UP = [
  `create table cost_rollups_monthly ${columns('')}`,
  `create table cost_tag_rollups_monthly ${columns(`
     tag_key text not null,
     tag_value text not null,`)}`,
  backfill('cost_rollups_monthly', 'cost_rollups_daily', ''),
  backfill('cost_tag_rollups_monthly', 'cost_tag_rollups_daily', 'tag_key, tag_value, '),
  `create unique index cost_rollups_monthly_key on cost_rollups_monthly (workspace_id, month, ${DIMENSIONS}) nulls not distinct`,
  `create unique index cost_tag_rollups_monthly_key on cost_tag_rollups_monthly (workspace_id, tag_key, month, tag_value, ${DIMENSIONS})
     nulls not distinct`,
  `create index cost_tag_rollups_monthly_month on cost_tag_rollups_monthly (workspace_id, month)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists cost_tag_rollups_monthly`.execute(db);
  await sql`drop table if exists cost_rollups_monthly`.execute(db);
}
