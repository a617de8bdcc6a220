/**
 * What the Navigator billing API reads: a report's figures from the cost rollups rating keeps
 * (never the cost records) — the monthly rollups for the whole months of a period (and most of a month, less its
 * other days), the daily ones for the rest (`period-rollups.ts`) — with the price book's prices and commitments and the catalog's
 * services, in one statement; and the services the checks before a report need. Every query names
 * the workspaces it reads — the caller's own organization or its tenants, resolved before.
 */
import { type RawBuilder, sql } from 'kysely';
import type { WorkspaceRow } from '../../../platform/tenancy/workspaces.repository.js';
import type { Db, Executor } from '../../../storage/database.js';
import type { PrincipalCheck, UnconfirmedPrincipal } from '../../../platform/auth/principal-check.js';
import { principalStillHolds } from '../../../platform/auth/principal-check.repository.js';
import { intArray, textArray } from '../../../storage/array-literals.js';
import { compiledOnce } from '../../../storage/compiled-once.js';
import { rollupPieces } from './period-rollups.js';

/** One billing period of one organization: [start, end) as YYYY-MM-DD. */
export interface OrgPeriod {
  workspaceId: string;
  /** Index of the period within the report (0 = the first). */
  period: number;
  start: string;
  end: string;
}

export interface SkuLineRow {
  workspace_id: string;
  period: number;
  service_name: string;
  sku_id: string | null;
  currency: string;
  /** The regions the SKU ran in, sorted by code unit, comma-separated; '' when none. */
  regions: string;
  product_family: string;
  list_cost: string | null;
  billed_cost: string | null;
  usage_quantity: string | null;
  billable_quantity: string | null;
  /** Σ over the days rating wrote of max(committed, minimum) ÷ the day's divisor; null without a commitment. */
  commit_quantity: string | null;
  /** The SKU's price version in effect at the period's last day (or the latest before it): its description, */
  charge_description: string | null;
  /** and its list unit price (the first band's for a banded SKU); both null when the SKU has no price. */
  unit_price: string | null;
}

export interface ServiceRow {
  workspace_id: string;
  service_name: string;
  /** ServiceSubcategory of its resources when one names it, else ServiceCategory (a service known from its usage alone: its ServiceCategory). */
  description: string;
  /** Resources of the service in the catalog now: > 0 is an active subscription. */
  resources: number;
  /** Its resources' earliest creation (ms since the epoch); null when it has none. */
  created_ms: number | null;
  /** The first day it has rated usage, at any time (ms since the epoch); null when none. */
  first_used_ms: number | null;
}

/** A service as a report reads it: with its SKU lines' sums over the report's periods. */
export interface ReportServiceRow extends ServiceRow {
  /** Σ of its lines' list cost ('0' when it has none), exact decimal text. */
  list_cost: string;
  /** Σ of its lines' billed cost ('0' when it has none). */
  billed_cost: string;
}

export interface ReportFigures {
  /** The organizations' services: their catalog's, and any they have usage of in the periods (a deleted resource's). */
  services: ReportServiceRow[];
  lines: SkuLineRow[];
}

/**
 * Everything a report shows, in one statement — one snapshot, one round trip (ADR 0020): per
 * organization, period, service and SKU the list and billed cost and the quantities in the SKU's
 * pricing unit (usage is every line but a commitment's shortfall, `ResourceType = Commitment`;
 * billable is every line, so Σ over days of max(usage, committed), the Flex rule), the committed
 * quantity and the price in effect; and the organizations' services with when each began.
 *
 * The sums are made per region first, then per SKU line over those few groups: the region list then
 * needs no `distinct`, which would make PostgreSQL sort every joined row instead of hashing them;
 * `materialized` keeps the planner from merging the two levels back into one sort. Each period is
 * read in pieces (`rollupPieces`): whole months, and most of a month less its other days, from
 * the monthly rollups (those days taken away from the daily ones), the rest from the daily ones, one
 * `UNION ALL` branch each into the same sums (ADR 0020 points 26 and 29); a group whose rows all lie
 * outside the period nets to no record and is left out, and the sums are written without trailing
 * zeros, so both reads give the same text.
 * `rollups: 'daily'` reads every piece from the daily rollups: the reference the tests compare with.
 */
export function reportFigures(db: Db, workspaceIds: readonly string[], periods: readonly OrgPeriod[], rollups: Rollups = 'planned'): Promise<ReportFigures> {
  if (workspaceIds.length === 0) return Promise.resolve({ services: [], lines: [] });
  // One organization's statement is small whatever its plan: it runs alone, one round trip.
  if (workspaceIds.length === 1) return figures(db, workspaceIds, periods, rollups);
  // Over several organizations it is planned as a long-running server settles it, from the first
  // execution on a connection: the generic plan (index scans per organization's period, hashed
  // sums) where the values would bring parallel scans and sorts of every joined row; no JIT; and the
  // memory the per-region sums need to stay hashed. Two round trips more, beside hundreds of ms.
  return db.transaction().setAccessMode('read only').execute(async (trx) => {
    await sql`select set_config('plan_cache_mode', 'force_generic_plan', true), set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`.execute(trx);
    return figures(trx, workspaceIds, periods, rollups);
  });
}

/** `planned`: whole months from the monthly rollups, the rest from the daily ones; `daily`: everything from the daily ones. */
export type Rollups = 'planned' | 'daily';

/** The pieces of periods to read, by `rollups`. */
function piecesOf<P extends { period: number; start: string; end: string }>(periods: readonly P[], rollups: Rollups) {
  return rollups === 'daily' ? periods.map((p) => ({ ...p, monthly: false })) : rollupPieces(periods);
}

/** Up to this many pieces (one organization's six periods, or a few) are written as a VALUES list. */
const LISTED_PERIODS = 12;

/**
 * The periods' pieces as rows `(workspace_id, period, monthly, starts, ends)`. A few are a VALUES
 * list, so the statement's generic plan knows how many there are and PostgreSQL keeps it rather than
 * planning every execution afresh (an array's length is unknown to a generic plan, which then
 * guesses 100 rows and looks dearer than a custom one); many are arrays, one statement text
 * whatever their number.
 */
function piecesSource(pieces: readonly (OrgPeriod & { monthly: boolean })[]) {
  if (pieces.length <= LISTED_PERIODS) {
    return sql`values ${sql.join(pieces.map((x) => sql`(${x.workspaceId}::text, ${x.period}::int, ${x.monthly}::boolean, ${x.start}::date, ${x.end}::date)`))}`;
  }
  return sql`select * from unnest(${textArray(pieces.map((x) => x.workspaceId))}::text[], ${intArray(pieces.map((x) => x.period))}::int[],
    ${boolArray(pieces.map((x) => x.monthly))}::boolean[], ${textArray(pieces.map((x) => x.start))}::date[], ${textArray(pieces.map((x) => x.end))}::date[])`;
}

const boolArray = (values: readonly boolean[]) => `{${values.map((v) => (v ? 't' : 'f')).join(',')}}`;

/**
 * `workspace_id` among the organizations: one organization is an equality, whose generic plan
 * PostgreSQL estimates as well as a custom one — an array parameter's length is unknown to a generic
 * plan, which then looks ten times dearer there and PostgreSQL would plan every execution afresh
 * (~3 ms of a one-tenant report's ~8).
 */
function workspacesIn(workspaceIds: readonly string[]) {
  return workspaceIds.length === 1 ? sql`workspace_id = ${workspaceIds[0]}::text` : sql`workspace_id = any(${textArray(workspaceIds)}::text[])`;
}

function figures(db: Executor, workspaceIds: readonly string[], periods: readonly OrgPeriod[], rollups: Rollups): Promise<ReportFigures> {
  return figuresOf(db, {
    pieces: sql`q(workspace_id, period, monthly, starts, ends) as (${piecesSource(piecesOf(periods, rollups))})`,
    catalogFilter: workspacesIn(workspaceIds),
  }).then(({ figures }) => figures);
}

/**
 * What `figuresOf` reports on: the CTE `q` of the periods' pieces (workspace_id, period, monthly,
 * starts, ends), anything before it, and the catalog's filter. The periods themselves (`p`) are
 * their pieces' union: from the first piece's start to the last one's end.
 */
interface FiguresScope {
  pieces: RawBuilder<unknown>;
  catalogFilter: RawBuilder<unknown>;
  /** More columns of the one row, after `services` and `lines`. */
  more?: RawBuilder<unknown>;
}

type FiguresRow = { services: ReportServiceRow[] | string; lines: LineTuple[] | string } & Record<string, unknown>;

/** A SKU line as the statement returns it: its fields in `SkuLineRow`'s order. */
type LineTuple = [
  workspace_id: string, period: number, service_name: string, sku_id: string | null, currency: string, regions: string, product_family: string,
  list_cost: string | null, billed_cost: string | null, usage_quantity: string | null, billable_quantity: string | null,
  commit_quantity: string | null, charge_description: string | null, unit_price: string | null,
];

const lineOf = (a: LineTuple): SkuLineRow => ({
  workspace_id: a[0], period: a[1], service_name: a[2], sku_id: a[3], currency: a[4], regions: a[5], product_family: a[6],
  list_cost: a[7], billed_cost: a[8], usage_quantity: a[9], billable_quantity: a[10], commit_quantity: a[11], charge_description: a[12], unit_price: a[13],
});

async function figuresOf(db: Executor, scope: FiguresScope): Promise<{ figures: ReportFigures; row: FiguresRow }> {
  const { rows } = await figuresStatement(scope).execute(db);
  return figuresOfRow(rows[0]!);
}

function figuresOfRow(row: FiguresRow): { figures: ReportFigures; row: FiguresRow } {
  return { figures: { services: parseJson(row.services), lines: parseJson(row.lines).map(lineOf) }, row };
}

function figuresStatement(scope: FiguresScope): RawBuilder<FiguresRow> {
  return sql<FiguresRow>`
    with ${scope.pieces},
    p as materialized (select workspace_id, period, min(starts) as starts, max(ends) as ends from q group by workspace_id, period),
    g as materialized (
      select r.workspace_id, r.period, r.service_name, r.sku_id, r.billing_currency, r.region_id, r.service_category,
        sum(r.list_cost) as list_cost, sum(r.billed_cost) as billed_cost,
        sum(r.pricing_quantity) filter (where r.resource_type is distinct from 'Commitment') as usage_quantity,
        sum(r.pricing_quantity) as billable_quantity
      from (
        select q.workspace_id, q.period, m.service_name, m.sku_id, m.billing_currency, m.region_id, m.service_category, m.resource_type,
          m.records, m.list_cost, m.billed_cost, m.pricing_quantity
        from q join cost_rollups_monthly m on m.workspace_id = q.workspace_id and m.month >= ${monthOf(sql`q.starts`)} and m.month < q.ends
        where q.monthly
        union all
        select q.workspace_id, q.period, d.service_name, d.sku_id, d.billing_currency, d.region_id, d.service_category, d.resource_type,
          d.records, d.list_cost, d.billed_cost, d.pricing_quantity
        from q join cost_rollups_daily d on d.workspace_id = q.workspace_id and d.day >= q.starts and d.day < q.ends
        where not q.monthly
        union all
        -- A monthly piece's months less their days outside it: before its start, and from its end on.
        select q.workspace_id, q.period, d.service_name, d.sku_id, d.billing_currency, d.region_id, d.service_category, d.resource_type,
          -d.records, -d.list_cost, -d.billed_cost, -d.pricing_quantity
        from q join cost_rollups_daily d on d.workspace_id = q.workspace_id and d.day >= ${monthOf(sql`q.starts`)} and d.day < q.starts
        where q.monthly and q.starts > ${monthOf(sql`q.starts`)}
        union all
        select q.workspace_id, q.period, d.service_name, d.sku_id, d.billing_currency, d.region_id, d.service_category, d.resource_type,
          -d.records, -d.list_cost, -d.billed_cost, -d.pricing_quantity
        from q join cost_rollups_daily d on d.workspace_id = q.workspace_id and d.day >= q.ends and d.day < (${monthOf(sql`q.ends`)} + interval '1 month')::date
        where q.monthly and q.ends > ${monthOf(sql`q.ends`)}) r
      group by r.workspace_id, r.period, r.service_name, r.sku_id, r.billing_currency, r.region_id, r.service_category
      -- Only what the period holds: a group whose rows are all outside it nets to no record (every rollup row counts one or more).
      having sum(r.records) > 0),
    l as (
      select workspace_id, period, service_name, sku_id, billing_currency as currency,
        coalesce(string_agg(distinct region_id collate "C", ',' order by region_id collate "C"), '') as regions,
        min(service_category) as product_family,
        trim_scale(sum(list_cost)) as list_cost, trim_scale(sum(billed_cost)) as billed_cost,
        trim_scale(sum(usage_quantity)) as usage_quantity, trim_scale(sum(billable_quantity)) as billable_quantity
      from g group by workspace_id, period, service_name, sku_id, billing_currency),
    cv as materialized (
      -- The organizations' commitments in each period, with their SKU's price versions (a handful of
      -- rows), before any day is read: the versions are joined once, not probed again for every day.
      select c.workspace_id, p.period, c.billing_account_id, c.sku_id, p.starts, p.ends,
        greatest(c.committed_quantity, c.minimum_quantity) as quantity, c.effective_from, c.effective_to,
        v.pricing_quantity_divisor, v.effective_from as price_from, v.effective_to as price_to
      from commitments c
      join p on p.workspace_id = c.workspace_id
      join prices v on v.workspace_id = c.workspace_id and v.sku_id = c.sku_id),
    cq as materialized (
      -- ADR 0012: a commitment holds on a day when it is in effect at the day's start. Only the
      -- organizations' commitments and the days their SKU has usage in a period, once per SKU and period,
      -- each day divided by the divisor of the price version in effect that day.
      select cv.workspace_id, cv.period, cv.sku_id,
        sum(cv.quantity / cv.pricing_quantity_divisor) as commit_quantity
      from cv
      join lateral (
        select distinct r.day from cost_rollups_daily r
        where r.workspace_id = cv.workspace_id and r.billing_account_id = cv.billing_account_id and r.sku_id = cv.sku_id
          and r.day >= cv.starts and r.day < cv.ends) d on true
      where cv.price_from <= (d.day::timestamp at time zone 'UTC') and (cv.price_to is null or cv.price_to > (d.day::timestamp at time zone 'UTC'))
        and cv.effective_from <= (d.day::timestamp at time zone 'UTC') and (cv.effective_to is null or cv.effective_to > (d.day::timestamp at time zone 'UTC'))
      group by cv.workspace_id, cv.period, cv.sku_id),
    catalog as (
      select workspace_id, service_name, min(coalesce(service_subcategory, service_category)) as description,
        count(*) as resources, min(created_at) as created_at
      from metering_resources where ${scope.catalogFilter}
      group by workspace_id, service_name),
    services as (
      select coalesce(c.workspace_id, u.workspace_id) as workspace_id, coalesce(c.service_name, u.service_name) as service_name,
        coalesce(c.description, u.product_family) as description, coalesce(c.resources, 0) as resources, c.created_at,
        coalesce(u.list_cost, 0) as list_cost, coalesce(u.billed_cost, 0) as billed_cost
      from catalog c
      full join (
        select workspace_id, service_name, min(product_family) as product_family, sum(list_cost) as list_cost, sum(billed_cost) as billed_cost
        from l group by workspace_id, service_name) u
        on u.workspace_id = c.workspace_id and u.service_name = c.service_name)
    select
      (select coalesce(json_agg(json_build_object(
          'workspace_id', s.workspace_id, 'service_name', s.service_name, 'description', s.description, 'resources', s.resources,
          'created_ms', (extract(epoch from s.created_at) * 1000)::bigint,
          'first_used_ms', (extract(epoch from (select min(r.day) from cost_rollups_daily r
              where r.workspace_id = s.workspace_id and r.service_name = s.service_name)::timestamp at time zone 'UTC') * 1000)::bigint,
          'list_cost', s.list_cost::text, 'billed_cost', s.billed_cost::text)), '[]')
        from services s) as services,
      -- Each line as an array in LineTuple's order: no key written per line (PostgreSQL) nor read back (JSON.parse).
      (select coalesce(json_agg(json_build_array(
          l.workspace_id, l.period, l.service_name, l.sku_id, l.currency, l.regions, l.product_family,
          l.list_cost::text, l.billed_cost::text, l.usage_quantity::text, l.billable_quantity::text,
          cq.commit_quantity::text, pr.charge_description, pr.unit_price)), '[]')
        from l
        join p on p.workspace_id = l.workspace_id and p.period = l.period
        left join lateral (
          select v.charge_description, coalesce(v.bands -> 0 ->> 'unitPrice', v.list_unit_price::text) as unit_price
          from prices v
          where v.workspace_id = l.workspace_id and v.sku_id = l.sku_id and v.effective_from < (p.ends::timestamp at time zone 'UTC')
          order by v.effective_from desc limit 1) pr on true
        left join cq on cq.workspace_id = l.workspace_id and cq.period = l.period and cq.sku_id = l.sku_id
      ) as lines${scope.more ? sql`, ${scope.more}` : sql``}`;
}

/** The first day of a date's month, as a date (no time zone involved). */
const monthOf = (day: RawBuilder<unknown>) => sql`(${day} - (extract(day from ${day})::int - 1))`;

const parseJson = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** One calendar's billing periods, for the accounting day (1–31) that selects it. */
export interface CandidatePeriods {
  day: number;
  periods: readonly { period: number; start: string; end: string }[];
}

export interface OneOrgRead {
  /** The path's organization and the target, those that exist (the checks run on them). */
  orgs: WorkspaceRow[];
  /** The target's figures, over the candidate periods of its accounting day; undefined when the target is not the caller's own organization or one of its tenants, or its day has no candidate. */
  figures: ReportFigures | undefined;
  /** The accounting day the statement chose the target's periods by. */
  day: number | undefined;
  /** With a remembered principal: whether it still held in the statement's snapshot (when not, nothing else was read: no organizations, no figures). */
  principalHeld: boolean;
}

type CandidateArrays = Record<'days' | 'periods' | 'monthly' | 'starts' | 'ends', string>;

const candidateArrayCache = new WeakMap<readonly CandidatePeriods[], CandidateArrays>();

/**
 * The pieces (`rollupPieces`) of the candidates' periods as five array literals, remembered per
 * candidates list (report-scope's `candidateCalendars` hands out the same list for the same range).
 * PostgreSQL reads them on every execution (~1,000 elements): the periods are not sent apart.
 */
function candidateArrays(candidates: readonly CandidatePeriods[]): CandidateArrays {
  let arrays = candidateArrayCache.get(candidates);
  if (!arrays) {
    const flat = candidates.flatMap((c) => c.periods.map((p) => ({ day: c.day, ...p })));
    const pieces = rollupPieces(flat);
    arrays = {
      days: intArray(pieces.map((x) => x.day)),
      periods: intArray(pieces.map((x) => x.period)),
      monthly: boolArray(pieces.map((x) => x.monthly)),
      starts: textArray(pieces.map((x) => x.start)),
      ends: textArray(pieces.map((x) => x.end)),
    };
    candidateArrayCache.set(candidates, arrays);
  }
  return arrays;
}

/**
 * A report on one organization (`target`) with the organization look-up in the same statement —
 * one round trip where reading the organizations first would be two (ADR 0020). The target's
 * billing periods depend on its anniversary billing date, so the caller passes every candidate
 * calendar's periods (by accounting day; `byDay` false: calendar months whatever the date, day 1)
 * and the statement takes the target's. Figures are only read for the caller's own organization or
 * one of its tenants; the caller still checks everything (visibility, tenancy, periods) on the
 * returned rows, in the documented order, and the periods chosen against its own.
 */
export async function oneOrgFigures(
  db: Db,
  ids: { caller: string; org: string; target: string },
  candidates: readonly CandidatePeriods[],
  byDay: boolean,
  principal?: UnconfirmedPrincipal,
): Promise<OneOrgRead> {
  const arrays = candidateArrays(candidates);
  const check = principal?.check;
  const values: unknown[] = [ids.caller, ids.org, ids.target, arrays.days, arrays.periods, arrays.monthly, arrays.starts, arrays.ends];
  if (check) values.push(check.id, check.workspaceId, check.roles, check.workspaceIsSystem);
  if (check?.subject === 'api-token') values.push(principal!.asOf);
  const rows = await oneOrgStatement(check?.subject, byDay)(db, ...values);
  const { figures, row } = figuresOfRow(rows[0]!);
  const orgs = (parseJson(row.orgs as OrgJson[] | string | null) ?? []).map(workspaceRowOf);
  const chosen = row.day === null || row.day === undefined ? undefined : Number(row.day);
  const found = chosen !== undefined && candidates.some((c) => c.day === chosen);
  return { orgs, figures: found ? figures : undefined, day: chosen, principalHeld: row.principal_held === true || row.principal_held === 't' };
}

type OrgJson = Omit<WorkspaceRow, 'created_at' | 'updated_at'> & { created_ms: number; updated_ms: number };

/** An organization as the statement returns it (written field by field: a rest pattern per row cost more than the rest of the mapping). */
const workspaceRowOf = (o: OrgJson): WorkspaceRow => ({
  id: o.id, name: o.name, parent_id: o.parent_id, company_name: o.company_name, anniversary_billing_date: o.anniversary_billing_date,
  is_system: o.is_system, created_at: new Date(Number(o.created_ms)), updated_at: new Date(Number(o.updated_ms)),
});

/** `oneOrgFigures`' statement for each shape (the principal's subject, or none; by accounting day or calendar months), built once. */
const oneOrgStatements = new Map<string, OneOrgStatement>();

type OneOrgStatement = (db: Executor, ...values: unknown[]) => Promise<FiguresRow[]>;

function oneOrgStatement(subject: PrincipalCheck['subject'] | undefined, byDay: boolean): OneOrgStatement {
  const key = `${subject ?? 'none'}:${byDay}`;
  let statement = oneOrgStatements.get(key);
  if (!statement) {
    // Built and compiled once per shape (storage/compiled-once.ts): ~5,000 characters of nested templates,
    // which Kysely built, compiled and hashed again per request (ADR 0020 point 31).
    statement = compiledOnce((_db: Executor, ...v: unknown[]) => {
      const [caller, org, target, days, periods, monthly, starts, ends, id, workspaceId, roles, workspaceIsSystem, asOf] = v as string[];
      // ADR 0034: a remembered principal is checked once, in this statement's snapshot; when it no longer
      // holds, no organization and no figure is read (the caller then reads the principal in full).
      const held = subject
        ? principalStillHolds({ subject, id: id!, workspaceId: workspaceId!, roles: roles!, workspaceIsSystem: workspaceIsSystem as unknown as boolean }, (asOf ?? new Date(0)) as unknown as Date)
        : sql`true`;
      const day = byDay
        ? sql`case when anniversary_billing_date is null then 1 else extract(day from anniversary_billing_date)::int end`
        : sql`1`;
      return figuresStatement({
        pieces: sql`h as materialized (select ${held} as held),
    o as (select * from workspaces where (id = ${org}::text or id = ${target}::text) and (select held from h)),
    t as (select id, ${day} as day from o where id = ${target}::text and (id = ${caller}::text or parent_id = ${caller}::text)),
    q(workspace_id, period, monthly, starts, ends) as (
      select t.id, c.period, c.monthly, c.starts, c.ends from t
      join unnest(${days}::int[], ${periods}::int[], ${monthly}::boolean[], ${starts}::date[], ${ends}::date[])
        as c(day, period, monthly, starts, ends) on c.day = t.day)`,
        catalogFilter: sql`workspace_id = (select id from t)`,
        more: sql`(select day from t) as day, (select held from h) as principal_held,
      (select json_agg(json_build_object('id', o.id, 'name', o.name, 'parent_id', o.parent_id, 'company_name', o.company_name,
          'anniversary_billing_date', o.anniversary_billing_date::text, 'is_system', o.is_system,
          'created_ms', floor(extract(epoch from o.created_at) * 1000)::bigint, 'updated_ms', floor(extract(epoch from o.updated_at) * 1000)::bigint))
        from o) as orgs`,
      });
    });
    oneOrgStatements.set(key, statement);
  }
  return statement;
}

/** Each organization's services as its catalog's resources name them (the checks before a report; the report reads its own). */
export async function resourceServices(db: Executor, workspaceIds: readonly string[]): Promise<ServiceRow[]> {
  if (workspaceIds.length === 0) return [];
  const { rows } = await sql<{ workspace_id: string; service_name: string; description: string; resources: string; created_ms: string }>`
    select workspace_id, service_name, min(coalesce(service_subcategory, service_category)) as description,
      count(*)::text as resources, (extract(epoch from min(created_at)) * 1000)::bigint::text as created_ms
    from metering_resources where workspace_id = any(${textArray(workspaceIds)}::text[])
    group by workspace_id, service_name`.execute(db);
  return rows.map((r) => ({ ...r, resources: Number(r.resources), created_ms: Number(r.created_ms), first_used_ms: null }));
}

/** Services an organization has rated usage of at any time (with a category to describe them), from the rollups' service index. */
export async function usedServices(db: Executor, workspaceIds: readonly string[]): Promise<ServiceRow[]> {
  if (workspaceIds.length === 0) return [];
  const { rows } = await sql<{ workspace_id: string; service_name: string; description: string }>`
    select workspace_id, service_name, min(service_category) as description
    from cost_rollups_daily where workspace_id = any(${textArray(workspaceIds)}::text[])
    group by workspace_id, service_name`.execute(db);
  return rows.map((r) => ({ ...r, resources: 0, created_ms: null, first_used_ms: null }));
}
