/**
 * The reference both the benchmark's checks and bare-server.mjs run: the bare SQL of the usage
 * report's totals — per organization, billing period, service, SKU (and currency) the sums of list
 * cost, billed cost, usage (every line but a commitment's shortfall) and billable pricing quantity —
 * from the same daily rollups the report reads, each organization's periods given as four arrays.
 * Nothing else: no services catalog, prices, commitments, first use, auth or rendering.
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
