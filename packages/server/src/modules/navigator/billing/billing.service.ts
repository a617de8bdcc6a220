/**
 * The billing calls from query to answer: who is in scope, their periods, the report, and its
 * rendering as JSON or as a CSV file streamed a batch of organizations at a time.
 */
import type { Db, Executor } from '../../../storage/database.js';
import type { AccountingPeriod } from '../../../platform/calendar/accounting-calendar.js';
import type { WorkspaceRow } from '../../../platform/tenancy/workspaces.repository.js';
import { cspBadRequest } from '../csp-errors.js';
import { type OrgLookup, prefetchedOrgs, visibleOrg } from '../orgs/orgs.service.js';
import { readWorkspaceId } from '../../../platform/tenancy/ids.js';
import { type BillingQuery, epochMs, flag, orgIdIfValid, orgIdParam, serviceIdsParam } from './billing-query.js';
import { checkRange, currentPeriod, reportPeriods, scopeOrgs } from './report-scope.js';
import { csvHeaderLine, csvLines } from './usage-report-csv.js';
import { orgUsageJson } from './usage-report-json.js';
import { stringifyJson } from './raw-json.js';
import { checkServices, usageReport } from './usage-report.service.js';

export interface BillingCall {
  callerWorkspaceId: string;
  orgId: string;
  query: BillingQuery;
  nowMs: number;
}

interface PreparedReport {
  org: WorkspaceRow;
  orgs: WorkspaceRow[];
  periodsOf: Map<string, AccountingPeriod[]>;
  serviceIds: string[] | undefined;
  startMs: number;
  endMs: number;
}

/** The path's organization and the tenant the query names, read together; then the checks in the order Navigator's refusals are documented. */
async function visibleOrgAndTenant(db: Executor, call: BillingCall): Promise<{ org: WorkspaceRow; lookup: OrgLookup }> {
  const lookup = await prefetchedOrgs(db, [readWorkspaceId(call.orgId), orgIdIfValid(call.query, 'tenantId')]);
  return { org: await visibleOrg(db, call.callerWorkspaceId, call.orgId, lookup), lookup };
}

async function prepareReport(db: Executor, call: BillingCall): Promise<PreparedReport> {
  const { org, lookup } = await visibleOrgAndTenant(db, call);
  const { query, nowMs } = call;
  const startMs = epochMs(query, 'startTime');
  if (startMs === undefined) throw cspBadRequest('Query parameter startTime is required (UNIX epoch seconds or milliseconds).');
  const range = { startMs, endMs: epochMs(query, 'endTime') };
  const serviceIds = serviceIdsParam(query);
  const abd = flag(query, 'abd');
  const choice = { tenantId: orgIdParam(query, 'tenantId'), providerReport: flag(query, 'providerReport'), allTenants: true };
  flag(query, 'detailView');
  checkRange(range, nowMs);
  const orgs = await scopeOrgs(db, org, choice, lookup);
  const periodsOf = new Map(orgs.map((o) => [o.id, reportPeriods(o, range, nowMs, abd)]));
  return { org, orgs, periodsOf, serviceIds, startMs, endMs: range.endMs ?? nowMs };
}

/** `GET …/usage-report`: the JSON array; `detailView=true` is the summary view, without SKU lines. */
export async function usageReportJson(db: Db, call: BillingCall): Promise<string> {
  // The report checks the services it reads itself: one statement fewer.
  const report = await usageReport(db, await prepareReport(db, call));
  return stringifyJson(orgUsageJson(report, flag(call.query, 'detailView') ? 'summary' : 'detail'));
}

/** Organizations per statement while the file streams: memory stays bounded however many tenants there are. */
const ORGS_PER_BATCH = 100;

/**
 * `GET …/usage-report/file`: the CSV, checked before the first byte, then produced batch by batch
 * (each batch's figures one statement, one snapshot). When one batch covers every organization, it
 * is read before the first byte and checks itself, as the JSON report does.
 */
export async function usageReportFile(
  db: Db,
  call: BillingCall,
  orgsPerBatch = ORGS_PER_BATCH,
): Promise<{ filename: string; chunks: AsyncGenerator<string, void, undefined> }> {
  const prepared = await prepareReport(db, call);
  const whole = prepared.orgs.length <= orgsPerBatch ? await usageReport(db, prepared) : undefined;
  if (!whole) await checkServices(db, prepared.orgs, prepared.serviceIds);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const filename = `usage-report-${prepared.org.id}-${day(prepared.startMs)}-${day(prepared.endMs)}.csv`;
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    yield csvHeaderLine();
    if (whole) {
      const lines = csvLines(whole);
      if (lines) yield lines;
      return;
    }
    for (let i = 0; i < prepared.orgs.length; i += orgsPerBatch) {
      const lines = csvLines(await usageReport(db, { ...prepared, orgs: prepared.orgs.slice(i, i + orgsPerBatch), checked: true }));
      if (lines) yield lines;
    }
  }
  return { filename, chunks: chunks() };
}

/**
 * `GET …/subscriptions`: the same shape, each subscription's SKUs as the price book bills them, with
 * the current billing period's accrued amounts. Scope: the path's organization; `tenantId` one of
 * its tenants; `allTenants=true` all of them; `providerReport=true` the provider alone.
 */
export async function subscriptionsJson(db: Db, call: BillingCall): Promise<string> {
  const { org, lookup } = await visibleOrgAndTenant(db, call);
  const { query, nowMs } = call;
  const choice = { tenantId: orgIdParam(query, 'tenantId'), providerReport: flag(query, 'providerReport'), allTenants: flag(query, 'allTenants') ?? false };
  const orgs = await scopeOrgs(db, org, choice, lookup);
  const periodsOf = new Map(orgs.map((o) => [o.id, [currentPeriod(o, nowMs, undefined)]]));
  return stringifyJson(orgUsageJson(await usageReport(db, { orgs, periodsOf }), 'catalog'));
}
