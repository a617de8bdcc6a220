/**
 * The reference both the benchmark's checks and bare-server.mjs run: the bare SQL of the usage
 * report's totals — per organization, billing period, service, SKU (and currency) the sums of list
 * cost, billed cost, usage (every line but a commitment's shortfall) and billable pricing quantity —
 * from the daily rollups, each organization's periods given as four arrays (the report reads the
 * same sums from the monthly rollups for whole months and the daily ones for the rest: both kept
 * by rating, a month's row the sum of its days). Nothing else: no services catalog, prices, commitments, first use, auth or rendering.
 * The benchmark's checks of ours use it, and the `bare` server runs it (the old reference, still
 * reported); the targets compare with REFERENCE_MONTHLY_SQL below, which computes every figure.
 */

export const REFERENCE_SQL = `
select r.workspace_id, p.period, r.service_name, r.sku_id, r.billing_currency as currency,
  sum(r.list_cost)::text as list_cost, sum(r.billed_cost)::text as billed_cost,
  (sum(r.pricing_quantity) filter (where r.resource_type is distinct from 'Commitment'))::text as usage_quantity,
  sum(r.pricing_quantity)::text as billable_quantity
from unnest($1::text[], $2::int[], $3::date[], $4::date[]) as p(workspace_id, period, starts, ends)
join cost_rollups_daily r on r.workspace_id = p.workspace_id and r.day >= p.starts and r.day < p.ends
group by r.workspace_id, p.period, r.service_name, r.sku_id, r.billing_currency`;

/** The statement's name: sent as a named prepared statement, as the server sends its own (storage/prepared-statements.ts). */
export const REFERENCE_NAME = 'bench_vmware_reference';

/**
 * The fair reference (issue 14 point 10): every figure the report contains, computed by hand-written
 * SQL over the same rollups, read the same way (ADR 0020 point 29: each month a period touches from
 * its days, or from its monthly row less its days outside the period — `rollupPieces` below, written
 * apart from the server's `period-rollups.ts`), and the same price and commitment tables, in one
 * statement. Its rows, by `kind`:
 *   'l'  a SKU line per organization, period, service, SKU and currency: regions (dataCenter),
 *        product family, list cost, billed cost (`price`), usage quantity, billable quantity (every
 *        line: the Flex rule's shortfalls included), commit quantity (Σ over the days with usage of
 *        max(committed, minimum) ÷ the day's divisor, ADR 0012), the unit price and charge
 *        description in force at the period's last day;
 *   's'  a service per organization (catalog ∪ used): description, resources, start (earliest of
 *        creation and first rated day, epoch ms), serviceUsageAmount and serviceBillableUsageAmount;
 *   'o'  an organization's orgUsageAmount and orgBillableUsageAmount.
 * Parameters: the pieces as five arrays (workspace, period, monthly, starts, ends) and the
 * organizations' ids. Decimals as text, without trailing zeros (trim_scale).
 */
export const REFERENCE_MONTHLY_SQL = `
with q(workspace_id, period, monthly, starts, ends) as (select * from unnest($1::text[], $2::int[], $3::boolean[], $4::date[], $5::date[])),
p as materialized (select workspace_id, period, min(starts) as starts, max(ends) as ends from q group by workspace_id, period),
g as materialized (
  select r.workspace_id, r.period, r.service_name, r.sku_id, r.billing_currency, r.region_id,
    min(r.service_category) as service_category,
    sum(r.list_cost) as list_cost, sum(r.billed_cost) as billed_cost,
    sum(r.pricing_quantity) filter (where r.resource_type is distinct from 'Commitment') as usage_quantity,
    sum(r.pricing_quantity) as billable_quantity
  from (
    select q.workspace_id, q.period, m.service_name, m.sku_id, m.billing_currency, m.region_id, m.service_category, m.resource_type,
      m.records, m.list_cost, m.billed_cost, m.pricing_quantity
    from q join cost_rollups_monthly m on m.workspace_id = q.workspace_id and m.month >= date_trunc('month', q.starts)::date and m.month < q.ends
    where q.monthly
    union all
    select q.workspace_id, q.period, d.service_name, d.sku_id, d.billing_currency, d.region_id, d.service_category, d.resource_type,
      d.records, d.list_cost, d.billed_cost, d.pricing_quantity
    from q join cost_rollups_daily d on d.workspace_id = q.workspace_id and d.day >= q.starts and d.day < q.ends
    where not q.monthly
    union all
    select q.workspace_id, q.period, d.service_name, d.sku_id, d.billing_currency, d.region_id, d.service_category, d.resource_type,
      -d.records, -d.list_cost, -d.billed_cost, -d.pricing_quantity
    from q join cost_rollups_daily d on d.workspace_id = q.workspace_id and d.day >= date_trunc('month', q.starts)::date and d.day < q.starts
    where q.monthly and extract(day from q.starts) > 1
    union all
    select q.workspace_id, q.period, d.service_name, d.sku_id, d.billing_currency, d.region_id, d.service_category, d.resource_type,
      -d.records, -d.list_cost, -d.billed_cost, -d.pricing_quantity
    from q join cost_rollups_daily d on d.workspace_id = q.workspace_id and d.day >= q.ends and d.day < (date_trunc('month', q.ends) + interval '1 month')::date
    where q.monthly and extract(day from q.ends) > 1) r
  group by r.workspace_id, r.period, r.service_name, r.sku_id, r.billing_currency, r.region_id
  having sum(r.records) > 0),
l as materialized (
  select workspace_id, period, service_name, sku_id, billing_currency as currency,
    coalesce(string_agg(region_id collate "C", ',' order by region_id collate "C"), '') as regions,
    min(service_category) as product_family,
    trim_scale(sum(list_cost)) as list_cost, trim_scale(sum(billed_cost)) as billed_cost,
    trim_scale(sum(usage_quantity)) as usage_quantity, trim_scale(sum(billable_quantity)) as billable_quantity
  from g group by workspace_id, period, service_name, sku_id, billing_currency),
cq as materialized (
  select c.workspace_id, p.period, c.sku_id,
    trim_scale(sum(greatest(c.committed_quantity, c.minimum_quantity) / v.pricing_quantity_divisor)) as commit_quantity
  from commitments c
  join p on p.workspace_id = c.workspace_id
  join lateral (
    select distinct r.day from cost_rollups_daily r
    where r.workspace_id = c.workspace_id and r.billing_account_id = c.billing_account_id and r.sku_id = c.sku_id
      and r.day >= p.starts and r.day < p.ends) d on true
  join prices v on v.workspace_id = c.workspace_id and v.sku_id = c.sku_id
    and v.effective_from <= (d.day::timestamp at time zone 'UTC') and (v.effective_to is null or v.effective_to > (d.day::timestamp at time zone 'UTC'))
  where c.effective_from <= (d.day::timestamp at time zone 'UTC') and (c.effective_to is null or c.effective_to > (d.day::timestamp at time zone 'UTC'))
  group by c.workspace_id, p.period, c.sku_id),
s as materialized (
  select coalesce(c.workspace_id, u.workspace_id) as workspace_id, coalesce(c.service_name, u.service_name) as service_name,
    coalesce(c.description, u.product_family) as description, coalesce(c.resources, 0) as resources, c.created_at,
    coalesce(u.list_cost, 0) as list_cost, coalesce(u.billed_cost, 0) as billed_cost
  from (
    select workspace_id, service_name, min(coalesce(service_subcategory, service_category)) as description, count(*) as resources, min(created_at) as created_at
    from metering_resources where workspace_id = any($6::text[]) group by workspace_id, service_name) c
  full join (
    select workspace_id, service_name, min(product_family) as product_family, sum(list_cost) as list_cost, sum(billed_cost) as billed_cost
    from l group by workspace_id, service_name) u on u.workspace_id = c.workspace_id and u.service_name = c.service_name)
select 'l' as kind, l.workspace_id, l.period, l.service_name, l.sku_id, l.currency, l.regions, l.product_family,
  l.list_cost::text as list_cost, l.billed_cost::text as billed_cost, l.usage_quantity::text as usage_quantity,
  cq.commit_quantity::text as commit_quantity, l.billable_quantity::text as billable_quantity,
  pr.unit_price, pr.charge_description, null::text as description, null::bigint as resources, null::bigint as start_ms
from l
join p on p.workspace_id = l.workspace_id and p.period = l.period
left join lateral (
  select v.charge_description, coalesce(v.bands -> 0 ->> 'unitPrice', v.list_unit_price::text) as unit_price
  from prices v
  where v.workspace_id = l.workspace_id and v.sku_id = l.sku_id and v.effective_from < (p.ends::timestamp at time zone 'UTC')
  order by v.effective_from desc limit 1) pr on true
left join cq on cq.workspace_id = l.workspace_id and cq.period = l.period and cq.sku_id = l.sku_id
union all
select 's', s.workspace_id, null, s.service_name, null, null, null, null, trim_scale(s.list_cost)::text, trim_scale(s.billed_cost)::text,
  null, null, null, null, null, s.description, s.resources,
  (extract(epoch from least(s.created_at, (select min(r.day) from cost_rollups_daily r
     where r.workspace_id = s.workspace_id and r.service_name = s.service_name)::timestamp at time zone 'UTC')) * 1000)::bigint
from s
union all
select 'o', s.workspace_id, null, null, null, null, null, null, trim_scale(sum(s.list_cost))::text, trim_scale(sum(s.billed_cost))::text,
  null, null, null, null, null, null, null, null
from s group by s.workspace_id`;

export const REFERENCE_MONTHLY_NAME = 'bench_vmware_reference_monthly';

const DAY_MS = 86_400_000;
const msOf = (day) => Date.parse(`${day}T00:00:00Z`);
const firstOfMonth = (day) => `${day.slice(0, 7)}-01`;
const nextMonth = (day) => {
  const [y, m] = day.split('-').map(Number);
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
};
const daysBetween = (from, to) => Math.round((msOf(to) - msOf(from)) / DAY_MS);

/**
 * A period's pieces as ADR 0020 point 29 reads them, written here apart from the server's
 * (period-rollups.ts): each month the period touches from its days, or from its monthly row less
 * its days outside the period when that reads fewer days (a month's row counted as two days);
 * consecutive months read the same way merged.
 * @param {{ start: string, end: string }} p
 * @returns {{ monthly: boolean, start: string, end: string }[]}
 */
export function periodPieces(p) {
  const pieces = [];
  let open;
  for (let month = firstOfMonth(p.start); month < p.end; month = nextMonth(month)) {
    const monthEnd = nextMonth(month);
    const from = p.start > month ? p.start : month;
    const to = p.end < monthEnd ? p.end : monthEnd;
    const outside = daysBetween(month, from) + daysBetween(to, monthEnd);
    const monthly = outside === 0 || 2 + outside < daysBetween(from, to);
    if (open && open.monthly === monthly) open.end = to;
    else {
      if (open) pieces.push(open);
      open = { monthly, start: from, end: to };
    }
  }
  pieces.push(open);
  return pieces;
}

/** The six parameters of REFERENCE_MONTHLY_SQL for a set of organization periods: their pieces as five arrays, the organizations' ids. */
export function referenceMonthlyParameters(periods) {
  const pieces = periods.flatMap((p) => periodPieces(p).map((x) => ({ ...p, ...x })));
  return [
    textArray(pieces.map((p) => p.workspaceId)),
    `{${pieces.map((p) => p.period).join(',')}}`,
    `{${pieces.map((p) => (p.monthly ? 't' : 'f')).join(',')}}`,
    textArray(pieces.map((p) => p.start)),
    textArray(pieces.map((p) => p.end)),
    textArray([...new Set(periods.map((p) => p.workspaceId))]),
  ];
}

const quoted = (value) => `"${String(value).replace(/["\\]/g, '\\$&')}"`;
const textArray = (values) => `{${values.map(quoted).join(',')}}`;

/**
 * The four array parameters of a set of organization periods.
 * @param {{ workspaceId: string, period: number, start: string, end: string }[]} periods
 */
export function referenceParameters(periods) {
  return [
    textArray(periods.map((p) => p.workspaceId)),
    `{${periods.map((p) => p.period).join(',')}}`,
    textArray(periods.map((p) => p.start)),
    textArray(periods.map((p) => p.end)),
  ];
}
