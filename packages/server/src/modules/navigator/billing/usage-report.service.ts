/**
 * The services usage report (ADR 0020): for each organization in scope, its services, each with one
 * on-demand subscription, each with its SKUs per billing period — list cost as the usage amount,
 * billed cost as the billable amount, quantities in the SKU's pricing unit with the Flex rule for
 * committed capacity — all summed exactly from the daily cost rollups. The JSON and the CSV file are
 * two renderings of this one model.
 */
import type { Db } from '../../../storage/database.js';
import type { AccountingPeriod } from '../../../platform/calendar/accounting-calendar.js';
import type { WorkspaceRow } from '../../../platform/tenancy/workspaces.repository.js';
import { Dec, plain } from '../../metering/index.js';
import { cspBadRequest } from '../csp-errors.js';
import { serviceDefIdOf, subscriptionIdOf } from './navigator-ids.js';
import {
  type OrgPeriod, type ServiceRow, type SkuPriceRow, type SkuUsageRow, commitQuantities, firstUsedMs, resourceServices, skuPrices, skuUsage, usedServices,
} from './usage-report.repository.js';

export interface SkuLine {
  skuName: string;
  skuDescription: string;
  currency: string;
  /** The list unit price in effect at the period's last day (the first band's for a banded SKU). */
  unitPrice: string | null;
  dataCenter: string;
  productFamily: string;
  periodStartMs: number;
  usageQuantity: string | null;
  commitQuantity: string | null;
  billableQuantity: string | null;
  listCost: string | null;
  billedCost: string | null;
}

export interface ServiceUsage {
  serviceName: string;
  serviceDefId: string;
  description: string;
  subscriptionUuid: string;
  /** Epoch ms: the earliest of its resources' creation and its first rated day. */
  startMs: number;
  /** The organization still has resources of the service. */
  active: boolean;
  usageAmount: string;
  billableAmount: string;
  skus: SkuLine[];
}

export interface OrgUsage {
  org: WorkspaceRow;
  periods: AccountingPeriod[];
  services: ServiceUsage[];
  usageAmount: string;
  billableAmount: string;
}

const dayText = (d: Date) => d.toISOString().slice(0, 10);
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const key = (...parts: (string | number | null)[]) => parts.join('|');

/** The price version in effect at `at` (or the latest one before it). */
function priceAt(versions: readonly SkuPriceRow[] | undefined, at: number): SkuPriceRow | undefined {
  let found: SkuPriceRow | undefined;
  for (const v of versions ?? []) if (v.effective_from.getTime() <= at) found = v;
  return found;
}

export interface ReportRequest {
  orgs: readonly WorkspaceRow[];
  periodsOf: ReadonlyMap<string, AccountingPeriod[]>;
  /** Only these service definition ids (checked by `checkServices`). */
  serviceIds?: readonly string[];
  /** The organizations' catalog services, as `checkServices` read them (read again when absent). */
  services?: readonly ServiceRow[];
}

/**
 * Refuses a call Navigator refuses: organizations in scope without an active service (one with
 * resources in the catalog), and service definition ids that name none of their services.
 */
export async function checkServices(db: Db, orgs: readonly WorkspaceRow[], serviceIds: readonly string[] | undefined): Promise<ServiceRow[]> {
  const ids = orgs.map((o) => o.id);
  const services = await resourceServices(db, ids);
  if (services.length === 0) throw cspBadRequest('The organization has no active cloud service: billing reports need at least one.', 'no_active_service');
  if (!serviceIds) return services;
  const known = new Set(services.map((s) => serviceDefIdOf(s.service_name)));
  if (serviceIds.every((id) => known.has(id))) return services;
  for (const s of await usedServices(db, ids)) known.add(serviceDefIdOf(s.service_name));
  const unknown = serviceIds.filter((id) => !known.has(id));
  if (unknown.length) throw cspBadRequest(`serviceIds: no service of the organizations in scope has id ${unknown.map((u) => `'${u}'`).join(', ')}.`, 'unknown_service');
  return services;
}

export async function usageReport(db: Db, request: ReportRequest): Promise<OrgUsage[]> {
  const { orgs, periodsOf } = request;
  const ids = orgs.map((o) => o.id);
  const periods: OrgPeriod[] = orgs.flatMap((o) =>
    (periodsOf.get(o.id) ?? []).map((p, period) => ({ workspaceId: o.id, period, start: dayText(p.start), end: dayText(p.end) })),
  );
  const inScope = new Set(ids);
  const [services, rows, commits, prices] = await Promise.all([
    request.services ? request.services.filter((s) => inScope.has(s.workspace_id)) : resourceServices(db, ids),
    skuUsage(db, periods, undefined),
    commitQuantities(db, periods),
    skuPrices(db, ids),
  ]);

  // The organizations' services: their catalog's, and any they have usage of in the range (a deleted resource's).
  const serviceOf = new Map<string, ServiceRow>(services.map((s) => [key(s.workspace_id, s.service_name), s]));
  for (const row of rows) {
    const k = key(row.workspace_id, row.service_name);
    if (!serviceOf.has(k)) serviceOf.set(k, { workspace_id: row.workspace_id, service_name: row.service_name, description: row.product_family, resources: 0, created_ms: null });
  }
  const wanted = request.serviceIds && new Set(request.serviceIds);
  const firstUsed = await firstUsedMs(db, [...serviceOf.values()].map((s) => ({ workspaceId: s.workspace_id, serviceName: s.service_name })));

  const commitOf = new Map(commits.map((c) => [key(c.workspace_id, c.period, c.sku_id), c.commit_quantity]));
  const pricesOf = new Map<string, SkuPriceRow[]>();
  for (const p of prices) {
    const k = key(p.workspace_id, p.sku_id);
    pricesOf.set(k, [...(pricesOf.get(k) ?? []), p]);
  }
  const rowsOf = new Map<string, SkuUsageRow[]>();
  for (const row of rows) {
    const k = key(row.workspace_id, row.service_name);
    rowsOf.set(k, [...(rowsOf.get(k) ?? []), row]);
  }
  // Period, then SKU, then currency, by code unit: the same order on every engine, whatever its collation.
  for (const list of rowsOf.values()) list.sort((x, y) => x.period - y.period || byCodeUnit(x.sku_id ?? '\uffff', y.sku_id ?? '\uffff') || byCodeUnit(x.currency, y.currency));

  return orgs.map((org) => {
    const orgPeriods = periodsOf.get(org.id) ?? [];
    let orgList = new Dec(0);
    let orgBilled = new Dec(0);
    const orgServices = [...serviceOf.values()]
      .filter((s) => s.workspace_id === org.id && (!wanted || wanted.has(serviceDefIdOf(s.service_name))))
      .sort((a, b) => byCodeUnit(a.service_name, b.service_name))
      .map((s): ServiceUsage => {
        let list = new Dec(0);
        let billed = new Dec(0);
        const skus = (rowsOf.get(key(org.id, s.service_name)) ?? []).map((row): SkuLine => {
          if (row.list_cost !== null) list = list.plus(row.list_cost);
          if (row.billed_cost !== null) billed = billed.plus(row.billed_cost);
          const period = orgPeriods[row.period]!;
          const price = row.sku_id === null ? undefined : priceAt(pricesOf.get(key(org.id, row.sku_id)), period.end.getTime() - 1);
          return {
            skuName: row.sku_id ?? '',
            skuDescription: price?.charge_description ?? row.sku_id ?? '',
            currency: row.currency,
            unitPrice: price ? (price.first_band_price ?? price.list_unit_price) : null,
            dataCenter: row.regions,
            productFamily: row.product_family,
            periodStartMs: period.start.getTime(),
            usageQuantity: row.usage_quantity,
            commitQuantity: row.sku_id === null ? null : (commitOf.get(key(org.id, row.period, row.sku_id)) ?? null),
            billableQuantity: row.billable_quantity,
            listCost: row.list_cost,
            billedCost: row.billed_cost,
          };
        });
        orgList = orgList.plus(list);
        orgBilled = orgBilled.plus(billed);
        const starts = [s.created_ms, firstUsed.get(key(org.id, s.service_name)) ?? null].filter((v): v is number => v !== null);
        return {
          serviceName: s.service_name,
          serviceDefId: serviceDefIdOf(s.service_name),
          description: s.description,
          subscriptionUuid: subscriptionIdOf(org.id, s.service_name),
          startMs: starts.length ? Math.min(...starts) : 0,
          active: s.resources > 0,
          usageAmount: plain(list),
          billableAmount: plain(billed),
          skus,
        };
      });
    return { org, periods: orgPeriods, services: orgServices, usageAmount: plain(orgList), billableAmount: plain(orgBilled) };
  });
}
