/**
 * The reference both the benchmark's checks and bare-server.mjs run: the bare SQL of the usage
 * report's totals — per organization, billing period, service, SKU (and currency) the sums of list
 * cost, billed cost, usage (every line but a commitment's shortfall) and billable pricing quantity —
 * from the daily rollups, each organization's periods given as four arrays (the report reads the
 * same sums from the monthly rollups for whole months and the daily ones for the rest: both kept
 * by rating, a month's row the sum of its days). Nothing else: no services catalog, prices, commitments, first use, auth or rendering.
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
 * The same totals read as the report reads them since ADR 0020 point 26: each period's whole
 * calendar months from the monthly rollups (`$1`–`$4`), the rest from the daily ones (`$5`–`$8`),
 * one UNION ALL into the same sums. Not the target's reference (that one reads the daily rollups,
 * as the issue states it): a second bare server on the same rollups as ours, reported beside it.
 */
export const REFERENCE_MONTHLY_SQL = `
select r.workspace_id, r.period, r.service_name, r.sku_id, r.billing_currency as currency,
  sum(r.list_cost)::text as list_cost, sum(r.billed_cost)::text as billed_cost,
  (sum(r.pricing_quantity) filter (where r.resource_type is distinct from 'Commitment'))::text as usage_quantity,
  sum(r.pricing_quantity)::text as billable_quantity
from (
  select p.workspace_id, p.period, m.service_name, m.sku_id, m.billing_currency, m.resource_type, m.list_cost, m.billed_cost, m.pricing_quantity
  from unnest($1::text[], $2::int[], $3::date[], $4::date[]) as p(workspace_id, period, starts, ends)
  join cost_rollups_monthly m on m.workspace_id = p.workspace_id and m.month >= p.starts and m.month < p.ends
  union all
  select p.workspace_id, p.period, d.service_name, d.sku_id, d.billing_currency, d.resource_type, d.list_cost, d.billed_cost, d.pricing_quantity
  from unnest($5::text[], $6::int[], $7::date[], $8::date[]) as p(workspace_id, period, starts, ends)
  join cost_rollups_daily d on d.workspace_id = p.workspace_id and d.day >= p.starts and d.day < p.ends) r
group by r.workspace_id, r.period, r.service_name, r.sku_id, r.billing_currency`;

export const REFERENCE_MONTHLY_NAME = 'bench_vmware_reference_monthly';

const firstOfMonth = (day) => `${day.slice(0, 7)}-01`;
const nextMonth = (day) => {
  const [y, m] = day.split('-').map(Number);
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * A period's pieces, written here apart from the server's (period-rollups.ts): the whole months
 * of [start, end) for the monthly rollups, the days before and after them for the daily ones.
 * @param {{ start: string, end: string }} p
 * @returns {{ months: { start: string, end: string }[], days: { start: string, end: string }[] }}
 */
export function periodPieces(p) {
  const firstWhole = p.start.endsWith('-01') ? p.start : nextMonth(p.start);
  const endWhole = firstOfMonth(p.end);
  if (firstWhole >= endWhole) return { months: [], days: [{ start: p.start, end: p.end }] };
  const days = [];
  if (p.start < firstWhole) days.push({ start: p.start, end: firstWhole });
  if (endWhole < p.end) days.push({ start: endWhole, end: p.end });
  return { months: [{ start: firstWhole, end: endWhole }], days };
}

/** The eight array parameters of REFERENCE_MONTHLY_SQL for a set of organization periods. */
export function referenceMonthlyParameters(periods) {
  const months = [];
  const days = [];
  for (const p of periods) {
    const pieces = periodPieces(p);
    for (const m of pieces.months) months.push({ ...p, ...m });
    for (const d of pieces.days) days.push({ ...p, ...d });
  }
  return [...referenceParameters(months), ...referenceParameters(days)];
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
