/**
 * What the Navigator billing API reads, all from the daily cost rollups rating keeps (never the
 * cost records): per organization, billing period, service and SKU the list and billed cost and the
 * usage and billable quantities; the committed quantities of the price book's commitments; each
 * organization's services and when it first used them; the SKUs' prices. Every query names the
 * workspaces it reads — the caller's own organization or its tenants, resolved before.
 */
import { sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';
import { intArray, textArray } from '../../../storage/array-literals.js';

/** One billing period of one organization: [start, end) as YYYY-MM-DD. */
export interface OrgPeriod {
  workspaceId: string;
  /** Index of the period within the report (0 = the first). */
  period: number;
  start: string;
  end: string;
}

export interface SkuUsageRow {
  workspace_id: string;
  period: number;
  service_name: string;
  sku_id: string | null;
  currency: string;
  /** The regions the SKU ran in, sorted, comma-separated; '' when none. */
  regions: string;
  product_family: string;
  list_cost: string | null;
  billed_cost: string | null;
  usage_quantity: string | null;
  billable_quantity: string | null;
}

function periodsTable(periods: readonly OrgPeriod[]) {
  return sql`unnest(${textArray(periods.map((p) => p.workspaceId))}::text[], ${intArray(periods.map((p) => p.period))}::int[],
    ${textArray(periods.map((p) => p.start))}::date[], ${textArray(periods.map((p) => p.end))}::date[]) as p(workspace_id, period, starts, ends)`;
}

/**
 * Cost and quantities per organization, period, service and SKU. Quantities are in the SKU's
 * pricing unit: usage is every line but a commitment's shortfall (`ResourceType = Commitment`),
 * billable is every line — so billable = Σ over days of max(usage, committed), the Flex rule.
 */
export async function skuUsage(db: Executor, periods: readonly OrgPeriod[], services: readonly string[] | undefined): Promise<SkuUsageRow[]> {
  if (periods.length === 0) return [];
  const serviceFilter = services ? sql`and r.service_name = any(${textArray(services)}::text[])` : sql``;
  const { rows } = await sql<SkuUsageRow>`
    select r.workspace_id, p.period, r.service_name, r.sku_id, r.billing_currency as currency,
      coalesce(string_agg(distinct r.region_id, ',' order by r.region_id), '') as regions,
      min(r.service_category) as product_family,
      sum(r.list_cost)::text as list_cost, sum(r.billed_cost)::text as billed_cost,
      (sum(r.pricing_quantity) filter (where r.resource_type is distinct from 'Commitment'))::text as usage_quantity,
      sum(r.pricing_quantity)::text as billable_quantity
    from ${periodsTable(periods)}
    join cost_rollups_daily r on r.workspace_id = p.workspace_id and r.day >= p.starts and r.day < p.ends
    where true ${serviceFilter}
    group by r.workspace_id, p.period, r.service_name, r.sku_id, r.billing_currency
    order by r.workspace_id, p.period, r.service_name, r.sku_id nulls last, r.billing_currency`.execute(db);
  return rows;
}

export interface CommitRow {
  workspace_id: string;
  period: number;
  sku_id: string;
  commit_quantity: string;
}

/**
 * Committed quantity per organization, period and SKU, in the pricing unit: for every day rating
 * wrote rows of a committed account and SKU, max(committed, minimum) ÷ the day's pricing divisor —
 * what the Flex rule bills at least (ADR 0012: a commitment holds on a day when it is in effect at
 * the day's start).
 */
export async function commitQuantities(db: Executor, periods: readonly OrgPeriod[]): Promise<CommitRow[]> {
  if (periods.length === 0) return [];
  const { rows } = await sql<CommitRow>`
    select c.workspace_id, p.period, c.sku_id, sum(greatest(c.committed_quantity, c.minimum_quantity) / pr.pricing_quantity_divisor)::text as commit_quantity
    from ${periodsTable(periods)}
    join commitments c on c.workspace_id = p.workspace_id
    join lateral (
      select distinct r.day from cost_rollups_daily r
      where r.workspace_id = c.workspace_id and r.billing_account_id = c.billing_account_id and r.sku_id = c.sku_id
        and r.day >= p.starts and r.day < p.ends
    ) d on true
    join prices pr on pr.workspace_id = c.workspace_id and pr.sku_id = c.sku_id
      and pr.effective_from <= (d.day::timestamp at time zone 'UTC') and (pr.effective_to is null or pr.effective_to > (d.day::timestamp at time zone 'UTC'))
    where c.effective_from <= (d.day::timestamp at time zone 'UTC') and (c.effective_to is null or c.effective_to > (d.day::timestamp at time zone 'UTC'))
    group by c.workspace_id, p.period, c.sku_id`.execute(db);
  return rows;
}

export interface ServiceRow {
  workspace_id: string;
  service_name: string;
  /** ServiceSubcategory of its resources when one names it, else ServiceCategory. */
  description: string;
  /** Resources of the service in the catalog now: > 0 is an active subscription. */
  resources: number;
  /** Its resources' earliest creation (ms since the epoch); null when it has none. */
  created_ms: number | null;
}

/** Each organization's services as its catalog's resources name them. */
export async function resourceServices(db: Executor, workspaceIds: readonly string[]): Promise<ServiceRow[]> {
  if (workspaceIds.length === 0) return [];
  const { rows } = await sql<{ workspace_id: string; service_name: string; description: string; resources: string; created_ms: string }>`
    select workspace_id, service_name, min(coalesce(service_subcategory, service_category)) as description,
      count(*)::text as resources, (extract(epoch from min(created_at)) * 1000)::bigint::text as created_ms
    from metering_resources where workspace_id = any(${textArray(workspaceIds)}::text[])
    group by workspace_id, service_name`.execute(db);
  return rows.map((r) => ({ ...r, resources: Number(r.resources), created_ms: Number(r.created_ms) }));
}

/** Services an organization has rated usage of at any time (with a category to describe them), from the rollups' service index. */
export async function usedServices(db: Executor, workspaceIds: readonly string[]): Promise<ServiceRow[]> {
  if (workspaceIds.length === 0) return [];
  const { rows } = await sql<{ workspace_id: string; service_name: string; description: string }>`
    select workspace_id, service_name, min(service_category) as description
    from cost_rollups_daily where workspace_id = any(${textArray(workspaceIds)}::text[])
    group by workspace_id, service_name`.execute(db);
  return rows.map((r) => ({ ...r, resources: 0, created_ms: null }));
}

/** The first day (ms since the epoch) each organization's service has rated usage, one index probe per pair. */
export async function firstUsedMs(db: Executor, pairs: readonly { workspaceId: string; serviceName: string }[]): Promise<Map<string, number>> {
  if (pairs.length === 0) return new Map();
  const { rows } = await sql<{ workspace_id: string; service_name: string; first_ms: string | null }>`
    select q.workspace_id, q.service_name,
      (extract(epoch from (select min(r.day) from cost_rollups_daily r where r.workspace_id = q.workspace_id and r.service_name = q.service_name)::timestamp at time zone 'UTC') * 1000)::bigint::text as first_ms
    from unnest(${textArray(pairs.map((p) => p.workspaceId))}::text[], ${textArray(pairs.map((p) => p.serviceName))}::text[]) as q(workspace_id, service_name)`.execute(db);
  return new Map(rows.filter((r) => r.first_ms !== null).map((r) => [`${r.workspace_id}|${r.service_name}`, Number(r.first_ms)]));
}

export interface SkuPriceRow {
  workspace_id: string;
  sku_id: string;
  effective_from: Date;
  effective_to: Date | null;
  charge_description: string | null;
  list_unit_price: string;
  /** The first band's price for a banded SKU. */
  first_band_price: string | null;
  currency: string;
}

/** Every price version of the organizations' SKUs (the price book is small beside the usage). */
export async function skuPrices(db: Executor, workspaceIds: readonly string[]): Promise<SkuPriceRow[]> {
  if (workspaceIds.length === 0) return [];
  const { rows } = await sql<SkuPriceRow>`
    select workspace_id, sku_id, effective_from, effective_to, charge_description, list_unit_price::text as list_unit_price,
      (bands -> 0 ->> 'unitPrice') as first_band_price, currency
    from prices where workspace_id = any(${textArray(workspaceIds)}::text[])
    order by workspace_id, sku_id, effective_from`.execute(db);
  return rows;
}
