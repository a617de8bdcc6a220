/**
 * The cost explorer stacks by any tag key (issue 16, point 2) reading a rollup, not cost_records.
 *
 * - cost_tag_rollups_daily: cost_rollups_daily's dimensions and measures plus `tag_key` and
 *   `tag_value`, one row per day, dimension set, and tag key and value present on the day's cost
 *   records (FOCUS Tags). A record adds one row's worth per tag it carries; records without tags
 *   add nothing. The records lacking a key (the "untagged" remainder) are not stored: cost-summary
 *   reads them as cost_rollups_daily minus the key's tagged sum, so the groups add up to the total.
 *   A tag whose value is JSON null counts as absent; other JSON values are kept as their JSON text.
 * - Indexes: (workspace_id, tag_key, day) for one key over a range and for the keys present
 *   in a range; (workspace_id, day) for rating's replace of a day.
 * - Rating rebuilds a day's rows with the day's rollups, in the same transaction. This migration
 *   fills the table from the cost records already there.
 *
 * No primary key, as cost_rollups_daily: a rollup rewritten per day, read by range, never by key
 * (and its nullable dimensions could not be in one).
 */
import { type Kysely, sql } from 'kysely';

const UP = [
  `create table cost_tag_rollups_daily (
     workspace_id text not null,
     day date not null,
     tag_key text not null,
     tag_value text not null,
     billing_account_id text not null,
     sub_account_id text,
     service_name text not null,
     service_category text not null,
     region_id text,
     resource_type text,
     sku_id text,
     charge_category text not null,
     billing_currency text not null,
     records integer not null,
     list_cost numeric,
     contracted_cost numeric,
     effective_cost numeric,
     billed_cost numeric,
     consumed_quantity numeric,
     pricing_quantity numeric,
     unpriced_records integer not null
   )`,
  // The backfill: rating's grouping (rebuildRollups) per tag, every workspace and day at once. A
  // Tags value that is not an object (never written by rating) is read as no tags.
  `insert into cost_tag_rollups_daily (workspace_id, day, tag_key, tag_value, billing_account_id, sub_account_id, service_name,
     service_category, region_id, resource_type, sku_id, charge_category, billing_currency, records, list_cost, contracted_cost,
     effective_cost, billed_cost, consumed_quantity, pricing_quantity, unpriced_records)
   select c.workspace_id, (c.charge_period_start at time zone 'UTC')::date, t.key, t.value, c.billing_account_id, c.sub_account_id,
     c.service_name, c.service_category, c.region_id, c.resource_type, c.sku_id, c.charge_category, c.billing_currency, count(*)::int,
     sum(c.list_cost), sum(c.contracted_cost), sum(c.effective_cost), sum(c.billed_cost), sum(c.consumed_quantity),
     sum(c.pricing_quantity), (count(*) filter (where c.x_rating_status <> 'RATED'))::int
   from cost_records c
   cross join lateral jsonb_each_text(case when jsonb_typeof(c.tags) = 'object' then c.tags else '{}'::jsonb end) t
   where t.value is not null
   group by c.workspace_id, (c.charge_period_start at time zone 'UTC')::date, t.key, t.value, c.billing_account_id, c.sub_account_id,
     c.service_name, c.service_category, c.region_id, c.resource_type, c.sku_id, c.charge_category, c.billing_currency`,
  `create index cost_tag_rollups_daily_key_day on cost_tag_rollups_daily (workspace_id, tag_key, day)`,
  `create index cost_tag_rollups_daily_day on cost_tag_rollups_daily (workspace_id, day)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists cost_tag_rollups_daily`.execute(db);
}
