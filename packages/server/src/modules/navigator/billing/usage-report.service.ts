/**
 * The services usage report (ADR 0020): for each organization in scope, its services, each with one
 * on-demand subscription, each with its SKUs per billing period — list cost as the usage amount,
 * billed cost as the billable amount, quantities in the SKU's pricing unit with the Flex rule for
 * committed capacity — all summed exactly from the cost rollups (whole months from the monthly ones,
 * the rest from the daily ones: ADR 0020 point 26). The JSON and the CSV file are
 * two renderings of this one model.
 */
import type { Db, Executor } from '../../../storage/database.js';
import type { AccountingPeriod } from '../../../platform/calendar/accounting-calendar.js';
import type { WorkspaceRow } from '../../../platform/tenancy/workspaces.repository.js';
import { Dec, plain } from '../../metering/index.js';
import { cspBadRequest } from '../csp-errors.js';
import { serviceDefIdOf, subscriptionIdOf } from './navigator-ids.js';
import {
  type OrgPeriod, type ReportFigures, type ServiceRow, reportFigures, resourceServices, usedServices,
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

export const dayText = (d: Date) => d.toISOString().slice(0, 10);
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const key = (...parts: (string | number | null)[]) => parts.join('|');

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export interface ReportRequest {
  orgs: readonly WorkspaceRow[];
  periodsOf: ReadonlyMap<string, AccountingPeriod[]>;
  /** Only these service definition ids. */
  serviceIds?: readonly string[];
  /** `checkServices` was called for these organizations before (the file checks before its first byte); otherwise the report checks its own services. */
  checked?: boolean;
}

/**
 * Refuses a call Navigator refuses: organizations in scope without an active service (one with
 * resources in the catalog), and service definition ids that name none of their services.
 * `services`: the organizations' services as a report read them (read here when absent).
 */
export async function checkServices(db: Executor, orgs: readonly WorkspaceRow[], serviceIds: readonly string[] | undefined, services?: readonly ServiceRow[]): Promise<void> {
  const ids = orgs.map((o) => o.id);
  const known = services ?? (await resourceServices(db, ids));
  if (!known.some((s) => s.resources > 0)) throw cspBadRequest('The organization has no active cloud service: billing reports need at least one.', 'no_active_service');
  if (!serviceIds) return;
  const names = new Set(known.map((s) => serviceDefIdOf(s.service_name)));
  if (serviceIds.every((id) => names.has(id))) return;
  for (const s of await usedServices(db, ids)) names.add(serviceDefIdOf(s.service_name));
  const unknown = serviceIds.filter((id) => !names.has(id));
  if (unknown.length) throw cspBadRequest(`serviceIds: no service of the organizations in scope has id ${unknown.map((u) => `'${u}'`).join(', ')}.`, 'unknown_service');
}

export async function usageReport(db: Db, request: ReportRequest): Promise<OrgUsage[]> {
  const { orgs, periodsOf } = request;
  const ids = orgs.map((o) => o.id);
  const periods: OrgPeriod[] = orgs.flatMap((o) =>
    (periodsOf.get(o.id) ?? []).map((p, period) => ({ workspaceId: o.id, period, start: dayText(p.start), end: dayText(p.end) })),
  );
  return reportFromFigures(db, request, await reportFigures(db, ids, periods));
}

/** The report from its figures, read already (`reportFigures`, or `oneOrgFigures` over the same periods). */
export async function reportFromFigures(db: Executor, request: ReportRequest, figures: ReportFigures): Promise<OrgUsage[]> {
  const { orgs, periodsOf } = request;
  const { services, lines } = figures;
  if (!request.checked) await checkServices(db, orgs, request.serviceIds, services);

  const wanted = request.serviceIds && new Set(request.serviceIds);
  const servicesOf = groupBy(services, (s) => s.workspace_id);
  const linesOf = groupBy(lines, (line) => key(line.workspace_id, line.service_name));
  // Period, then SKU, then currency, by code unit: the same order on every engine, whatever its collation.
  for (const list of linesOf.values()) list.sort((x, y) => x.period - y.period || byCodeUnit(x.sku_id ?? '\uffff', y.sku_id ?? '\uffff') || byCodeUnit(x.currency, y.currency));

  return orgs.map((org) => {
    const orgPeriods = periodsOf.get(org.id) ?? [];
    let orgList = new Dec(0);
    let orgBilled = new Dec(0);
    const orgServices = (servicesOf.get(org.id) ?? [])
      .filter((s) => !wanted || wanted.has(serviceDefIdOf(s.service_name)))
      .sort((a, b) => byCodeUnit(a.service_name, b.service_name))
      .map((s): ServiceUsage => {
        const skus = (linesOf.get(key(org.id, s.service_name)) ?? []).map((row): SkuLine => {
          const period = orgPeriods[row.period]!;
          return {
            skuName: row.sku_id ?? '',
            skuDescription: row.charge_description ?? row.sku_id ?? '',
            currency: row.currency,
            unitPrice: row.unit_price,
            dataCenter: row.regions,
            productFamily: row.product_family,
            periodStartMs: period.start.getTime(),
            usageQuantity: row.usage_quantity,
            commitQuantity: row.commit_quantity,
            billableQuantity: row.billable_quantity,
            listCost: row.list_cost,
            billedCost: row.billed_cost,
          };
        });
        // The service's sums of its lines, summed by the statement (exact numeric).
        orgList = orgList.plus(s.list_cost);
        orgBilled = orgBilled.plus(s.billed_cost);
        const starts = [s.created_ms, s.first_used_ms].filter((v): v is number => v !== null);
        return {
          serviceName: s.service_name,
          serviceDefId: serviceDefIdOf(s.service_name),
          description: s.description,
          subscriptionUuid: subscriptionIdOf(org.id, s.service_name),
          startMs: starts.length ? Math.min(...starts) : 0,
          active: s.resources > 0,
          usageAmount: s.list_cost,
          billableAmount: s.billed_cost,
          skus,
        };
      });
    return { org, periods: orgPeriods, services: orgServices, usageAmount: plain(orgList), billableAmount: plain(orgBilled) };
  });
}
