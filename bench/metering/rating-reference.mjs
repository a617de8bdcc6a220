/**
 * (c)'s reference (issue 18 point 6): the same rating done by hand in plain SQL, on the same events
 * and catalog, into bare copies of the tables rating writes — each of the 30 days in one
 * transaction, as the rating run does: aggregate the day's events per resource and meter, price them
 * at the price version in effect (list price × pricing quantity, rounded as rating rounds) with every
 * column rating writes, then the day's rollups and the month's rollups from them. What it leaves out
 * is what makes rating general (bands, contracted prices, commitments, unpriced lines, other
 * calendars, the run's bookkeeping): the bench's catalog has none of them, so both write the same
 * rows, which the caller checks (count and Σ billed cost equal ours).
 */

import { performance } from 'node:perf_hooks';

const COST_COLUMNS = `workspace_id, availability_zone, billing_account_id, billing_account_name, billing_account_type,
  billing_currency, billing_period_start, billing_period_end, charge_category, charge_frequency, charge_period_start,
  charge_period_end, region_id, region_name, resource_id, resource_name, resource_type, service_category, service_name,
  service_subcategory, sub_account_id, sub_account_name, sub_account_type, tags, sku_id, sku_price_id, sku_meter,
  charge_description, publisher_name, provider_name, invoice_issuer_name, pricing_unit, pricing_quantity, pricing_category,
  pricing_currency, consumed_quantity, consumed_unit, list_unit_price, list_cost, contracted_unit_price, contracted_cost,
  effective_cost, billed_cost, pricing_currency_list_unit_price, pricing_currency_contracted_unit_price,
  pricing_currency_effective_cost, x_meter_id, x_rating_status, x_price_effective_from, x_rated_at, line_key`;

// One day: $1 workspace, $2 day start, $3 day end.
const INSERT_DAY = `
insert into bench_ref_cost_records (${COST_COLUMNS})
select $1, r.availability_zone, b.id, b.name, 'Billing Account', b.currency,
  date_trunc('month', $2::timestamptz at time zone 'UTC') at time zone 'UTC',
  (date_trunc('month', $2::timestamptz at time zone 'UTC') + interval '1 month') at time zone 'UTC',
  'Usage', 'Usage-Based', $2, $3, r.region_id, r.region_name, r.id, r.name, r.resource_type, r.service_category,
  r.service_name, r.service_subcategory, r.sub_account_id, case when r.sub_account_id is not null then r.sub_account_name end,
  case when r.sub_account_id is not null then 'Sub Account' end, r.tags,
  p.sku_id, p.sku_id || '@' || to_char(p.effective_from at time zone 'UTC', 'YYYY-MM-DD'), m.id,
  p.charge_description, p.publisher_name, p.provider_name, p.invoice_issuer_name, p.pricing_unit, l.pq, 'Standard',
  p.currency, round(u.q, 15), m.consumed_unit, p.list_unit_price, l.cost, p.list_unit_price, l.cost, l.cost, l.cost,
  p.list_unit_price, p.list_unit_price, l.cost, m.id, 'RATED', p.effective_from, now(),
  p.sku_id || '@' || to_char(p.effective_from at time zone 'UTC', 'YYYY-MM-DD')
from (
  select subject, meter_id, sum(value) as q
  from usage_events
  where workspace_id = $1 and time >= $2 and time < $3
  group by subject, meter_id
) u
join metering_resources r on r.workspace_id = $1 and r.id = u.subject
join billing_accounts b on b.workspace_id = $1 and b.id = r.billing_account_id
join meters m on m.workspace_id = $1 and m.id = u.meter_id
join prices p on p.workspace_id = $1 and p.meter_id = u.meter_id and p.effective_from <= $2
  and (p.effective_to is null or p.effective_to > $2)
cross join lateral (select round(u.q / p.pricing_quantity_divisor, 15) as pq) q
cross join lateral (select q.pq, round(p.list_unit_price * q.pq, 8) as cost) l`;

const DIMENSIONS = 'billing_account_id, sub_account_id, service_name, service_category, region_id, resource_type, sku_id, charge_category, billing_currency';
const MEASURES = 'records, list_cost, contracted_cost, effective_cost, billed_cost, consumed_quantity, pricing_quantity, unpriced_records';

const ROLLUP_DAY = `
insert into bench_ref_rollups_daily (workspace_id, day, ${DIMENSIONS}, ${MEASURES})
select workspace_id, $2::date, ${DIMENSIONS}, count(*), sum(list_cost), sum(contracted_cost), sum(effective_cost), sum(billed_cost),
  sum(consumed_quantity), sum(pricing_quantity), count(*) filter (where x_rating_status <> 'RATED')
from bench_ref_cost_records
where workspace_id = $1 and charge_period_start = $3
group by workspace_id, ${DIMENSIONS}`;

const ROLLUP_MONTH = `
insert into bench_ref_rollups_monthly (workspace_id, month, ${DIMENSIONS}, ${MEASURES})
select workspace_id, $2::date, ${DIMENSIONS}, sum(records), sum(list_cost), sum(contracted_cost), sum(effective_cost),
  sum(billed_cost), sum(consumed_quantity), sum(pricing_quantity), sum(unpriced_records)
from bench_ref_rollups_daily
where workspace_id = $1 and day >= $2::date and day < ($2::date + interval '1 month')::date
group by workspace_id, ${DIMENSIONS}`;

/** Bare copies (columns, defaults, indexes) of the tables rating writes. */
export async function createReferenceTables(query) {
  await query('drop table if exists bench_ref_cost_records, bench_ref_rollups_daily, bench_ref_rollups_monthly');
  await query('create table bench_ref_cost_records (like cost_records including defaults including indexes)');
  await query('create table bench_ref_rollups_daily (like cost_rollups_daily including all)');
  await query('create table bench_ref_rollups_monthly (like cost_rollups_monthly including all)');
}

export async function dropReferenceTables(query) {
  await query('drop table if exists bench_ref_cost_records, bench_ref_rollups_daily, bench_ref_rollups_monthly');
}

/**
 * Rates `days` whole UTC days from `startMs` for the workspace, one transaction per day; the
 * seconds it took and what it wrote.
 */
export async function rateByHand(query, { workspaceId, startMs, days, dayMs }) {
  const t0 = performance.now();
  for (let d = 0; d < days; d++) {
    const from = new Date(startMs + d * dayMs);
    const to = new Date(startMs + (d + 1) * dayMs);
    const day = from.toISOString().slice(0, 10);
    const month = `${day.slice(0, 7)}-01`;
    await query('begin');
    try {
      await query('delete from bench_ref_cost_records where workspace_id = $1 and charge_period_start = $2', [workspaceId, from]);
      await query(INSERT_DAY, [workspaceId, from, to]);
      await query('delete from bench_ref_rollups_daily where workspace_id = $1 and day = $2', [workspaceId, day]);
      await query(ROLLUP_DAY, [workspaceId, day, from]);
      await query('delete from bench_ref_rollups_monthly where workspace_id = $1 and month = $2', [workspaceId, month]);
      await query(ROLLUP_MONTH, [workspaceId, month]);
      await query('commit');
    } catch (err) {
      await query('rollback');
      throw err;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const [written] = await query('select count(*)::int as records, sum(billed_cost)::text as billed from bench_ref_cost_records where workspace_id = $1', [workspaceId]);
  return { seconds, records: written.records, billedCost: written.billed };
}
