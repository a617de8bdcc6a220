/**
 * The billing calls from query to answer: who is in scope, their periods, the report, and its
 * rendering as JSON or as a CSV file streamed a batch of organizations at a time.
 */
import type { Db, Executor } from '../../../storage/database.js';
import type { AccountingPeriod } from '../../../platform/calendar/accounting-calendar.js';
import type { UnconfirmedPrincipal } from '../../../platform/auth/principal-check.js';
import type { WorkspaceRow } from '../../../platform/tenancy/workspaces.repository.js';
import { cspBadRequest } from '../csp-errors.js';
import { type OrgLookup, prefetchedOrgs, readOrgs, visibleOrg } from '../orgs/orgs.service.js';
import { readWorkspaceId } from '../../../platform/tenancy/ids.js';
import { type BillingQuery, epochMs, flag, orgIdIfValid, orgIdParam, serviceIdsParam } from './billing-query.js';
import { candidateCalendars, checkRange, currentPeriod, orgCalendar, reportPeriods, scopeOrgs } from './report-scope.js';
import { csvHeaderLine, csvLines } from './usage-report-csv.js';
import { orgUsageJson } from './usage-report-json.js';
import { type OrgUsage, checkServices, reportFromFigures, usageReport } from './usage-report.service.js';
import { type CandidatePeriods, oneOrgFigures } from './usage-report.repository.js';

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

/**
 * The path's organization and the tenant the query names, read together (or found in `read`, rows
 * a statement returned already); then the checks in the order Navigator's refusals are documented.
 */
async function visibleOrgAndTenant(db: Executor, call: BillingCall, read?: OrgsRead): Promise<{ org: WorkspaceRow; lookup: OrgLookup }> {
  const lookup = read ? readOrgs(db, read.ids, read.rows) : await prefetchedOrgs(db, [readWorkspaceId(call.orgId), orgIdIfValid(call.query, 'tenantId')]);
  return { org: await visibleOrg(db, call.callerWorkspaceId, call.orgId, lookup), lookup };
}

/** Organizations a statement read: the ids it asked for and the rows of those that exist. */
interface OrgsRead {
  ids: readonly string[];
  rows: readonly WorkspaceRow[];
}

async function prepareReport(db: Executor, call: BillingCall, read?: OrgsRead): Promise<PreparedReport> {
  const { org, lookup } = await visibleOrgAndTenant(db, call, read);
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

/** The accounting day each target of a one-organization report was last read by (a hint the statement verifies); bounded. */
const dayHints = new Map<string, number>();
const DAY_HINTS = 10_000;

function rememberDay(target: string, day: number): void {
  if (dayHints.get(target) === day) return;
  if (dayHints.size >= DAY_HINTS) dayHints.clear();
  dayHints.set(target, day);
}

/** The same one-element list for the same candidate (the repository remembers its arrays per list). */
const singleCandidates = new WeakMap<CandidatePeriods, readonly CandidatePeriods[]>();
function onlyCandidate(candidate: CandidatePeriods): readonly CandidatePeriods[] {
  let list = singleCandidates.get(candidate);
  if (!list) singleCandidates.set(candidate, (list = [candidate]));
  return list;
}

/**
 * A call about one organization — `tenantId` or `providerReport=true` names it before anything is
 * read — costs one statement: the organizations and the figures together (`oneOrgFigures`, ADR
 * 0020 point 24), then every check of `prepareReport` on the rows it returned, in the same order. Undefined
 * (the caller takes the general path, which refuses in the documented order) when the call names no
 * single organization, a parameter is refused, or the statement's choice of organization or periods
 * is not the one the checks arrive at.
 */
async function oneOrgReport(db: Db, call: BillingCall, principal?: UnconfirmedPrincipal): Promise<{ prepared: PreparedReport; report: OrgUsage[] } | undefined> {
  const { query, nowMs } = call;
  const org = readWorkspaceId(call.orgId);
  let target: string | undefined;
  let candidates: readonly CandidatePeriods[];
  let byDay: boolean;
  try {
    const startMs = epochMs(query, 'startTime');
    if (org === undefined || startMs === undefined) return undefined;
    const range = { startMs, endMs: epochMs(query, 'endTime') };
    serviceIdsParam(query);
    flag(query, 'detailView');
    byDay = flag(query, 'abd') !== false;
    target = flag(query, 'providerReport') ? org : orgIdParam(query, 'tenantId');
    checkRange(range, nowMs);
    candidates = candidateCalendars(range, nowMs, byDay);
  } catch {
    return undefined;
  }
  if (target === undefined) return undefined;
  // Only the calendar the target was last read by, when known: its periods alone go to PostgreSQL
  // (a changed anniversary date finds no candidate; the general path answers, and the day is learnt again).
  const hinted = byDay ? candidates.find((c) => c.day === dayHints.get(target)) : undefined;
  const sent = hinted ? onlyCandidate(hinted) : candidates;
  const read = await oneOrgFigures(db, { caller: call.callerWorkspaceId, org, target }, sent, byDay, principal);
  if (byDay && read.day !== undefined) rememberDay(target, read.day);
  if (principal && !read.principalHeld) {
    // The remembered principal no longer holds (ADR 0034): the guard's 401 or 403, or — still allowed — the statement again without the check.
    await principal.confirm();
    return oneOrgReport(db, call);
  }
  const prepared = await prepareReport(db, call, { ids: [org, target], rows: read.orgs });
  const only = prepared.orgs.length === 1 ? prepared.orgs[0]! : undefined;
  if (!read.figures || only?.id !== target) return undefined;
  const expected = byDay ? orgCalendar(only, undefined).accountingDay : 1;
  if (read.day !== expected) return undefined;
  return { prepared, report: await reportFromFigures(db, prepared, read.figures) };
}

/**
 * `GET …/usage-report`: the JSON array; `detailView=true` is the summary view, without SKU lines.
 * `principal`: the caller was let through on a remembered principal (ADR 0034). Only the
 * one-organization statement carries its check; a success from any other path (several
 * organizations, a call the one statement does not settle) reads the principal in full first, as
 * the guard did, so every 200 comes from a statement that checked it or after the full read.
 */
export async function usageReportJson(db: Db, call: BillingCall, principal?: UnconfirmedPrincipal): Promise<string> {
  // The report checks the services it reads itself: one statement fewer.
  let report = (await oneOrgReport(db, call, principal))?.report;
  if (!report) {
    await principal?.confirm();
    report = await usageReport(db, await prepareReport(db, call));
  }
  return orgUsageJson(report, flag(call.query, 'detailView') ? 'summary' : 'detail');
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
  const one = await oneOrgReport(db, call);
  const prepared = one?.prepared ?? (await prepareReport(db, call));
  const whole = one?.report ?? (prepared.orgs.length <= orgsPerBatch ? await usageReport(db, prepared) : undefined);
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
  return orgUsageJson(await usageReport(db, { orgs, periodsOf }), 'catalog');
}
