/**
 * The JSON face of budgets over the domain service (ADR 0019): a body read field by field into a
 * CustomerBudget (one 400 naming every bad field), a budget row written as JSON, the usage as JSON,
 * and the service's BudgetApiError turned into the GreenLake envelope.
 */
import { ApiError, type Issue, badRequest, notFound } from '../../platform/errors/index.js';
import { isoUtcMillis, page, parseListQuery, project, type ListParams, type Page } from '../../platform/query/index.js';
import type { Db } from '../../storage/database.js';
import { BodyReader, MISSING } from '../metering/catalog/body-reader.js';
import { ID_PATTERN, ID_RULE } from '../metering/catalog/catalog.schemas.js';
import { MAX_THRESHOLD_PERCENT, type StoredBudgetType } from './budgets.enums.js';
import { BudgetApiError } from './budgets.errors.js';
import { budgetList } from './budgets.fields.js';
import * as repo from './budgets.repository.js';
import {
  BUDGET_BODY_FIELDS, BUDGET_CURRENCY_PATTERN, BUDGET_VALUE_PATTERN, BUDGET_VALUE_RULE, type BudgetDto, type BudgetUsageDto, type BudgetUsageQueryDto,
  INT_MAX, JSON_BUDGET_TYPES, MAX_BUDGET_DESCRIPTION_LENGTH,
} from './budgets.schemas.js';
import { type BudgetServiceDeps, createBudget, deleteBudget, replaceBudget } from './budgets.service.js';
import type { BudgetPeriod, CustomerBudget } from './customer-budget.js';
import { PERIODS_PER_YEAR, copyPeriod, divideYearly } from './budget-periods.js';
import { budgetUsage } from './usage/budget-usage.service.js';

/** The `source` of the metadata of the JSON face's 404s and 409s. */
const SOURCE = 'consumo.budgets';

const ID = new RegExp(ID_PATTERN);
const MONEY = new RegExp(BUDGET_VALUE_PATTERN);
const CURRENCY = new RegExp(BUDGET_CURRENCY_PATTERN);
const PERIOD_SOURCES = ['costPeriods', 'yearlyBudget', 'periodBudget'] as const;

export function budgetNotFound(id: number): ApiError {
  return notFound(SOURCE, String(id), { message: `No budget with id ${id} in this workspace.` });
}

export function billingAccountNotFound(id: string): ApiError {
  return notFound(SOURCE, id, { message: `No billing account '${id}' in this workspace.`, noun: 'Billing account' });
}

/** The service's error as the JSON face answers it: the same status and message in the GreenLake envelope. */
export function jsonErrorOf(err: BudgetApiError, budgetId?: number): ApiError {
  switch (err.status) {
    case 400:
      return badRequest([{ source: 'field', subject: 'body', description: err.message }], err.message);
    case 404:
      return budgetId === undefined
        ? new ApiError('NOT_FOUND', { message: err.message, details: [{ type: 'hpe.greenlake.metadata', source: SOURCE, metadata: { message: err.message } }] })
        : budgetNotFound(budgetId);
    case 409:
      return new ApiError('CONFLICT', { message: err.message, details: [{ type: 'hpe.greenlake.metadata', source: SOURCE, metadata: { message: err.message } }] });
    default:
      return new ApiError(err.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', { message: err.message });
  }
}

async function asJson<T>(work: Promise<T>, budgetId?: number): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw err instanceof BudgetApiError ? jsonErrorOf(err, budgetId) : err;
  }
}

// ---- the budget as JSON ----

export function budgetJson(row: repo.BudgetWithPeriods, customerId: number): BudgetDto {
  return {
    id: row.id,
    type: row.budget_type,
    billingAccountId: row.billing_account_id,
    customerId,
    accountingYear: row.accounting_year,
    currency: row.currency_code,
    description: row.description,
    standardAlertsEnabled: row.standard_alerts_enabled,
    projectedAlertsEnabled: row.projected_alerts_enabled,
    useDefaultThresholds: row.use_default_thresholds,
    threshold1Percent: row.threshold1_percent,
    threshold2Percent: row.threshold2_percent,
    threshold3Percent: row.threshold3_percent,
    costPeriods: row.periods.filter((p) => p.kind === 'COST').map((p) => ({ accountingPeriod: p.accounting_period, budgetValue: p.budget_value })),
    createdAt: isoUtcMillis(new Date(row.created_at)),
    updatedAt: isoUtcMillis(new Date(row.updated_at)),
  };
}

// ---- the body ----

/** What a body says, before its billing account is looked up. Values read from a body with issues are placeholders. */
interface BudgetBodyValues {
  id: number | undefined;
  type: StoredBudgetType;
  billingAccountId: string | undefined;
  customerId: number | undefined;
  accountingYear: number;
  currency: string | undefined;
  description: string | null;
  standardAlertsEnabled: boolean;
  projectedAlertsEnabled: boolean;
  useDefaultThresholds: boolean;
  thresholds: [number | null, number | null, number | null];
  costPeriods: BudgetPeriod[];
}

function integer(r: BodyReader, field: string, min: number, max: number): number | undefined {
  if (!r.given(field)) return undefined;
  const value = r.raw(field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    r.fail(field, `Must be an integer from ${min} to ${max}.`);
    return undefined;
  }
  return value;
}

function flag(r: BodyReader, field: string, fallback: boolean): boolean {
  if (!r.given(field)) return fallback;
  const value = r.raw(field);
  if (typeof value !== 'boolean') {
    r.fail(field, 'Must be true or false.');
    return fallback;
  }
  return value;
}

function money(r: BodyReader, field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !MONEY.test(value)) {
    r.fail(field, `Must be ${BUDGET_VALUE_RULE}${typeof value === 'number' ? ', not a JSON number' : ''}.`);
    return undefined;
  }
  return value;
}

function costPeriods(r: BodyReader, value: unknown): BudgetPeriod[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > PERIODS_PER_YEAR) {
    r.fail('costPeriods', `Must be an array of 1 to ${PERIODS_PER_YEAR} {accountingPeriod, budgetValue}.`);
    return [];
  }
  const seen = new Set<number>();
  const periods: BudgetPeriod[] = [];
  value.forEach((item: unknown, i) => {
    const at = `costPeriods[${i}]`;
    const p = new BodyReader(item, ['accountingPeriod', 'budgetValue'], at, r.issues);
    if (!p.given('accountingPeriod') && item !== null && typeof item === 'object' && !Array.isArray(item)) p.fail('accountingPeriod', MISSING);
    const period = integer(p, 'accountingPeriod', 1, PERIODS_PER_YEAR);
    if (period !== undefined && seen.has(period)) p.fail('accountingPeriod', `Period ${period} appears more than once.`);
    if (period !== undefined) seen.add(period);
    const budgetValue = p.given('budgetValue') ? money(p, 'budgetValue', p.raw('budgetValue')) : (p.fail('budgetValue', MISSING), undefined);
    if (period !== undefined && budgetValue !== undefined) periods.push({ accountingPeriod: period, budgetValue });
  });
  return periods.sort((a, b) => a.accountingPeriod - b.accountingPeriod);
}

function periodValues(r: BodyReader): BudgetPeriod[] {
  const given = PERIOD_SOURCES.filter((f) => r.given(f));
  if (given.length === 0) {
    r.fail('costPeriods', 'Give the period values: costPeriods, yearlyBudget (divided by 12) or periodBudget (copied to each period).');
    return [];
  }
  if (given.length > 1) {
    for (const field of given.slice(1)) r.fail(field, `Give only one of costPeriods, yearlyBudget and periodBudget; ${given[0]} is given.`);
    return [];
  }
  const field = given[0]!;
  if (field === 'costPeriods') return costPeriods(r, r.raw(field));
  const value = money(r, field, r.raw(field));
  if (value === undefined) return [];
  return field === 'yearlyBudget' ? divideYearly(value) : copyPeriod(value);
}

function readBody(body: unknown, pathId: number | undefined): { r: BodyReader; values: BudgetBodyValues } {
  const r = new BodyReader(body, BUDGET_BODY_FIELDS);
  const id = integer(r, 'id', 1, INT_MAX);
  if (pathId === undefined && r.given('id')) r.fail('id', 'The server assigns the id; leave it out when creating a budget.');
  else if (id !== undefined && id !== pathId) r.fail('id', `Must be ${pathId}, the id in the path, or be left out.`);

  const type = r.given('type') ? (r.oneOf('type', JSON_BUDGET_TYPES, { required: true }) as StoredBudgetType) : 'COST';

  let billingAccountId: string | undefined;
  if (r.given('billingAccountId')) {
    const value = r.raw('billingAccountId');
    if (typeof value !== 'string' || !ID.test(value)) r.fail('billingAccountId', `Must be a billing account id: ${ID_RULE}.`);
    else billingAccountId = value;
  }
  const customerId = integer(r, 'customerId', 1, INT_MAX);
  if (!r.given('billingAccountId') && !r.given('customerId')) r.fail('billingAccountId', `${MISSING} Name the billing account (or give its customerId).`);

  if (!r.given('accountingYear')) r.fail('accountingYear', MISSING);
  const accountingYear = integer(r, 'accountingYear', 1, 9999) ?? 0;

  let currency: string | undefined;
  if (r.given('currency')) {
    const value = r.raw('currency');
    if (typeof value !== 'string' || !CURRENCY.test(value)) r.fail('currency', 'Must be a three-letter currency code, e.g. USD.');
    else currency = value;
  }
  const description = r.text('description', { maxLength: MAX_BUDGET_DESCRIPTION_LENGTH });

  const thresholds = ([1, 2, 3] as const).map((level) => integer(r, `threshold${level}Percent`, 0, MAX_THRESHOLD_PERCENT) ?? null) as [
    number | null,
    number | null,
    number | null,
  ];
  const anyThreshold = ([1, 2, 3] as const).some((level) => r.given(`threshold${level}Percent`));
  const values: BudgetBodyValues = {
    id,
    type,
    billingAccountId,
    customerId,
    accountingYear,
    currency,
    description,
    standardAlertsEnabled: flag(r, 'standardAlertsEnabled', true),
    projectedAlertsEnabled: flag(r, 'projectedAlertsEnabled', true),
    useDefaultThresholds: flag(r, 'useDefaultThresholds', !anyThreshold),
    thresholds,
    costPeriods: periodValues(r),
  };
  return { r, values };
}

const hasIssue = (issues: readonly Issue[], field: string) => issues.some((i) => i.subject === field);

/** The billing account the body names (by id, by customerId, or by both when they agree); an issue when the workspace has none. */
async function accountOf(db: Db, workspaceId: string, r: BodyReader, v: BudgetBodyValues): Promise<repo.CustomerRow | undefined> {
  if (v.billingAccountId !== undefined) {
    const row = await repo.findCustomerByAccountId(db, workspaceId, v.billingAccountId);
    if (!row) r.fail('billingAccountId', `No billing account '${v.billingAccountId}' in this workspace.`);
    else if (v.customerId !== undefined && row.customer_id !== v.customerId) {
      r.fail('customerId', `Billing account '${v.billingAccountId}' has customerId ${row.customer_id}, not ${v.customerId}.`);
    }
    return row;
  }
  if (v.customerId !== undefined && !hasIssue(r.issues, 'billingAccountId')) {
    const row = await repo.findCustomerById(db, workspaceId, v.customerId);
    if (!row) r.fail('customerId', `No billing account with customerId ${v.customerId} in this workspace.`);
    return row;
  }
  return undefined;
}

/**
 * A create or replace body as the CustomerBudget the service takes; throws the 400 naming every bad
 * field. `keep` carries over what only the XML face can express (a resource, units periods).
 */
export async function readBudgetBody(
  db: Db,
  workspaceId: string,
  body: unknown,
  options: { pathId?: number; keep?: Pick<CustomerBudget, 'resource' | 'unitsPeriods'> } = {},
): Promise<CustomerBudget> {
  const { r, values: v } = readBody(body, options.pathId);
  const account = await accountOf(db, workspaceId, r, v);
  r.done();
  const budget: CustomerBudget = {
    budgetType: v.type,
    customer: { accountId: account!.billing_account_id },
    accountingYear: v.accountingYear,
    currencyCode: v.currency ?? account!.currency,
    standardAlertsEnabled: v.standardAlertsEnabled,
    projectedAlertsEnabled: v.projectedAlertsEnabled,
    useDefaultThresholds: v.useDefaultThresholds,
    costPeriods: v.costPeriods,
    ...(options.pathId !== undefined && { budgetId: options.pathId }),
    ...(v.description !== null && { description: v.description }),
    ...(options.keep?.resource && { resource: options.keep.resource }),
    ...(options.keep?.unitsPeriods && { unitsPeriods: options.keep.unitsPeriods }),
  };
  v.thresholds.forEach((value, i) => {
    if (value !== null) budget[`threshold${(i + 1) as 1 | 2 | 3}Percent`] = value;
  });
  return budget;
}

// ---- the operations ----

export async function getBudgetJson(db: Db, workspaceId: string, id: number): Promise<BudgetDto> {
  const row = await repo.findBudget(db, workspaceId, id);
  if (!row) throw budgetNotFound(id);
  const customer = await repo.findCustomerByAccountId(db, workspaceId, row.billing_account_id);
  return budgetJson(row, customer!.customer_id);
}

export async function listBudgetsJson(db: Db, workspaceId: string, params: ListParams): Promise<Page<BudgetDto>> {
  const list = parseListQuery(params, budgetList);
  const { rows, total } = await repo.listBudgetPage(db, workspaceId, list);
  return page(
    rows.map((row) => project(budgetJson(row, row.customer_id), list.selected)),
    list.offset,
    total,
  );
}

export async function createBudgetJson(deps: BudgetServiceDeps, workspaceId: string, body: unknown): Promise<BudgetDto> {
  const budget = await readBudgetBody(deps.db, workspaceId, body);
  const created = await asJson(createBudget(deps, workspaceId, budget));
  return getBudgetJson(deps.db, workspaceId, created.budgetId!);
}

/** A complete replacement of what the JSON face shows; a resource or units periods the XML face gave are kept. */
export async function replaceBudgetJson(deps: BudgetServiceDeps, workspaceId: string, id: number, body: unknown): Promise<BudgetDto> {
  const existing = await repo.findBudget(deps.db, workspaceId, id);
  const units = existing?.periods.filter((p) => p.kind === 'UNITS') ?? [];
  const keep: Pick<CustomerBudget, 'resource' | 'unitsPeriods'> = {
    ...(existing?.resource_id != null && {
      resource: { resourceid: existing.resource_id, ...(existing.resource_header_id !== null && { headerId: existing.resource_header_id }) },
    }),
    ...(units.length > 0 && { unitsPeriods: units.map((p) => ({ accountingPeriod: p.accounting_period, budgetValue: p.budget_value })) }),
  };
  const budget = await readBudgetBody(deps.db, workspaceId, body, { pathId: id, keep });
  if (!existing) throw budgetNotFound(id);
  await asJson(replaceBudget(deps, workspaceId, id, budget), id);
  return getBudgetJson(deps.db, workspaceId, id);
}

export async function deleteBudgetJson(deps: BudgetServiceDeps, workspaceId: string, id: number): Promise<void> {
  await asJson(deleteBudget(deps, workspaceId, id), id);
}

export async function budgetUsageJson(db: Db, workspaceId: string, query: BudgetUsageQueryDto, now: Date): Promise<BudgetUsageDto> {
  const account = await repo.findCustomerByAccountId(db, workspaceId, query.billingAccountId);
  if (!account) throw billingAccountNotFound(query.billingAccountId);
  const usage = await asJson(
    budgetUsage(
      db,
      workspaceId,
      {
        customer: { accountId: account.billing_account_id },
        ...(query.accountingYear !== undefined && { accountingYear: query.accountingYear }),
        ...(query.accountingPeriod !== undefined && { accountingPeriod: query.accountingPeriod }),
        ...(query.type !== undefined && { budgetType: query.type }),
      },
      now,
    ),
  );
  const [threshold1Percent, threshold2Percent, threshold3Percent] = usage.thresholds;
  return {
    billingAccountId: usage.customer.accountId,
    customerId: usage.customer.id,
    accountingDay: usage.customer.accountingDay,
    accountingYear: usage.accountingYear,
    accountingPeriod: usage.accountingPeriod,
    accountingStartDate: usage.accountingStartDate,
    accountingEndDate: usage.accountingEndDate,
    standardAlertsEnabled: usage.standardAlertsEnabled,
    projectedAlertsEnabled: usage.projectedAlertsEnabled,
    useDefaultThresholds: usage.useDefaultThresholds,
    threshold1Percent,
    threshold2Percent,
    threshold3Percent,
    periodBudgetUsage: usage.periodBudgetUsage.map((u) => ({
      budgetId: u.budgetId,
      type: u.budgetType,
      valueType: u.valueType,
      currency: u.currencyCode,
      periodBudgetValue: u.periodBudgetValue,
      actualUsage: u.actualUsage,
      usagePercent: u.usagePercent,
      status: u.status,
      projectedUsage: u.projectedUsage,
    })),
  };
}
