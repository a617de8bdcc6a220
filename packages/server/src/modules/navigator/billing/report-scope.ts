/**
 * Which organizations a billing call covers, and each one's billing periods (ADR 0020).
 *
 * Organizations: `providerReport=true` is the path's organization alone (it overrides `tenantId`);
 * `tenantId` is that tenant of the path's organization (anything else is an unknown tenant, a 400);
 * otherwise the usage report covers every tenant of a provider (a provider without tenants, or a
 * tenant, covers itself), and subscriptions cover the path's organization unless `allTenants=true`.
 *
 * Periods: each organization's own — starting on its anniversary billing date's day of the month,
 * unless `abd=false`, else calendar months. `startTime` rounds down to the start of its period;
 * `endTime` rounds down to the start of its period too and ends the range there (the seed's
 * 13 September → 1 October covers September), but a range never covers less than its first period;
 * without `endTime` the range runs through the current period. At most six periods.
 */
import type { Executor } from '../../../storage/database.js';
import { type AccountingCalendar, type AccountingPeriod, CALENDAR_MONTHS, accountingPeriodOf, anniversaryCalendar, periodsSpanning } from '../../../platform/calendar/accounting-calendar.js';
import { type WorkspaceRow, findWorkspace, tenantsOf } from '../../../platform/tenancy/workspaces.repository.js';
import { dashedWorkspaceId } from '../../../platform/tenancy/ids.js';
import { DAY_MS, dayText } from '../../../platform/formats/index.js';
import { cspBadRequest } from '../csp-errors.js';
import type { OrgLookup } from '../orgs/orgs.service.js';
import type { CandidatePeriods } from './usage-report.repository.js';

export const MAX_PERIODS = 6;

export interface ScopeChoice {
  tenantId?: string;
  providerReport?: boolean;
  /** Every tenant of a provider when nothing narrower is asked for. */
  allTenants: boolean;
}

export async function scopeOrgs(db: Executor, org: WorkspaceRow, choice: ScopeChoice, lookup: OrgLookup = (id) => findWorkspace(db, id)): Promise<WorkspaceRow[]> {
  if (choice.providerReport) return [org];
  if (choice.tenantId !== undefined) {
    if (choice.tenantId === org.id && org.parent_id !== null) return [org];
    const tenant = await lookup(choice.tenantId);
    if (!tenant || tenant.parent_id !== org.id) {
      throw cspBadRequest(`tenantId '${dashedWorkspaceId(choice.tenantId)}' is not a tenant of organization '${dashedWorkspaceId(org.id)}'.`, 'unknown_tenant');
    }
    return [tenant];
  }
  if (!choice.allTenants || org.parent_id !== null) return [org];
  const tenants = await tenantsOf(db, org.id);
  return tenants.length > 0 ? tenants : [org];
}

export interface ReportRange {
  startMs: number;
  /** Absent: through the current period. */
  endMs: number | undefined;
}

/** Refuses a range that ends before it starts or starts in the future. */
export function checkRange(range: ReportRange, nowMs: number): void {
  if (range.endMs !== undefined && range.endMs < range.startMs) throw cspBadRequest('endTime is before startTime.');
  if (range.startMs > nowMs) throw cspBadRequest('startTime is in the future; reports cover accrued usage.');
}

export function orgCalendar(org: WorkspaceRow, abd: boolean | undefined) {
  return abd === false ? CALENDAR_MONTHS : anniversaryCalendar(org.anniversary_billing_date);
}

/** The billing periods of `org` the range covers, oldest first. */
export function reportPeriods(org: WorkspaceRow, range: ReportRange, nowMs: number, abd: boolean | undefined): AccountingPeriod[] {
  return calendarPeriods(orgCalendar(org, abd), range, nowMs, org.id);
}

/** The billing periods of a calendar the range covers, oldest first; more than six are refused, naming the organization. */
export function calendarPeriods(calendar: AccountingCalendar, range: ReportRange, nowMs: number, orgId: string): AccountingPeriod[] {
  const first = accountingPeriodOf(calendar, new Date(range.startMs));
  const lastInstant = range.endMs === undefined ? new Date(nowMs) : new Date(accountingPeriodOf(calendar, new Date(range.endMs)).start.getTime() - 1);
  const periods = periodsSpanning(calendar, first.start, lastInstant < first.start ? first.start : lastInstant);
  if (periods.length > MAX_PERIODS) {
    throw cspBadRequest(`Reports cover up to ${MAX_PERIODS} billing periods; this range covers ${periods.length} for organization '${dashedWorkspaceId(orgId)}'.`, 'range_too_long');
  }
  return periods;
}

/** The current billing period of `org`. */
export function currentPeriod(org: WorkspaceRow, nowMs: number, abd: boolean | undefined): AccountingPeriod {
  return accountingPeriodOf(orgCalendar(org, abd), new Date(nowMs));
}

const candidateCache = new Map<string, readonly CandidatePeriods[]>();
const CANDIDATE_CACHE_SIZE = 256;

/**
 * Every calendar an organization may bill by over `range`: calendar months (day 1) and, when
 * `byDay`, each anniversary day 2–31 — a calendar whose range covers more than six periods is left
 * out (the checks refuse it if it is the organization's). A pure function of the range, the UTC day
 * of `nowMs` (it only matters without an end, and periods start at midnight UTC) and `byDay`, so it
 * is remembered: a one-tenant report asks for the same 31 calendars on every call, and working
 * them out was ~0.4 ms of its ~2.6 ms of JavaScript (bench/vmware-usage).
 */
export function candidateCalendars(range: ReportRange, nowMs: number, byDay: boolean): readonly CandidatePeriods[] {
  const key = `${range.startMs}:${range.endMs ?? `now ${Math.floor(nowMs / DAY_MS)}`}:${byDay}`;
  const cached = candidateCache.get(key);
  if (cached) return cached;
  const candidates: CandidatePeriods[] = [];
  for (let day = 1; day <= (byDay ? 31 : 1); day++) {
    try {
      const periods = calendarPeriods({ accountingDay: day, fiscalStartMonth: 1 }, range, nowMs, '');
      candidates.push({ day, periods: periods.map((p, period) => ({ period, start: dayText(p.start), end: dayText(p.end) })) });
    } catch {
      // More than six periods by this calendar.
    }
  }
  if (candidateCache.size >= CANDIDATE_CACHE_SIZE) candidateCache.delete(candidateCache.keys().next().value!);
  candidateCache.set(key, candidates);
  return candidates;
}
