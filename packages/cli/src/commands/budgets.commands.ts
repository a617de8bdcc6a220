/**
 * `consumo budgets list|get|set|usage|alerts`: the JSON face of Cloud Cruiser budgets (/budgets/v1) over
 * HTTP. `set` creates or replaces a billing account's COST budget of a year, its 12 period values
 * given one per period, as a yearly value the server divides by 12, or as one value copied to all.
 */
import type { Command } from 'commander';
import { ConsumoApiError, type ConsumoClient, type paths, unwrap } from '@consumo/sdk';
import { call, waitOutRateLimit } from '../api-retry.js';
import { UsageError, connect } from '../connection.js';
import { printJson, printTable } from '../output.js';

export const BUDGETS_PATH = '/budgets/v1/budgets';
export const USAGE_PATH = '/budgets/v1/usage';
export const ALERTS_PATH = '/budgets/v1/alerts';
/** The API's budget value pattern (numeric(24, 6)); checked against openapi.json by test/api-contract.test.ts. */
export const BUDGET_VALUE_PATTERN = '^\\d{1,18}(\\.\\d{1,6})?$';
/** The list's largest page; checked against openapi.json too. */
export const MAX_PAGE = 1000;
/** Thresholds are percent of the period budget, 0 (off) to this. */
export const MAX_THRESHOLD_PERCENT = 1000;
const PERIODS = 12;
const MONEY = new RegExp(BUDGET_VALUE_PATTERN);

type Budget = paths['/budgets/v1/budgets/{id}']['get']['responses'][200]['content']['application/json'];
type BudgetBody = NonNullable<paths['/budgets/v1/budgets']['post']['requestBody']>['content']['application/json'];
type BudgetPage = paths['/budgets/v1/budgets']['get']['responses'][200]['content']['application/json'];
type Usage = paths['/budgets/v1/usage']['get']['responses'][200]['content']['application/json'];
type AlertPage = paths['/budgets/v1/alerts']['get']['responses'][200]['content']['application/json'];

/** A quoted string literal of the filter language: a quote inside is doubled. */
const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;

function wholeNumber(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`${option} must be a whole number ${min}..${max}, got '${value}'`);
  return Number(value);
}

function money(option: string, value: string): string {
  if (!MONEY.test(value)) throw new UsageError(`${option} takes decimal amounts such as 1250.00 (at most 18 digits before the point and 6 after), got '${value}'`);
  return value;
}

function oneOf<T extends string>(option: string, allowed: readonly T[], value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (!(allowed as readonly string[]).includes(upper)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, got '${value}'`);
  return upper as T;
}

/** The `filter` of a list: the account, the year and the type, ANDed; undefined when none is given. */
export function budgetFilter(account: string | undefined, year: number | undefined, type?: string): string | undefined {
  const terms = [
    account !== undefined && `billingAccountId eq ${quoted(account)}`,
    year !== undefined && `accountingYear eq ${year}`,
    type !== undefined && `type eq ${quoted(type)}`,
  ].filter((t): t is string => typeof t === 'string');
  return terms.length ? terms.join(' and ') : undefined;
}

/** The `filter` of the alert list: the account, the year, the period and the kind, ANDed. */
export function alertFilter(account: string | undefined, year: number | undefined, period: number | undefined, kind: string | undefined): string | undefined {
  const terms = [
    account !== undefined && `accountId eq ${quoted(account)}`,
    year !== undefined && `accountingYear eq ${year}`,
    period !== undefined && `accountingPeriod eq ${period}`,
    kind !== undefined && `alertType eq ${quoted(kind)}`,
  ].filter((t): t is string => typeof t === 'string');
  return terms.length ? terms.join(' and ') : undefined;
}

function printAlerts(page: AlertPage): void {
  printTable(
    page.items.map((a) => ({
      id: a.id,
      date: a.alertDate,
      account: a.accountId,
      period: `${a.accountingYear}/${a.accountingPeriod}`,
      type: a.alertType,
      level: `${a.thresholdLevel} (${a.thresholdPercent}%)`,
      budget: a.budgetValue,
      actual: a.actualValue,
      projected: a.projectedValue ?? '',
      currency: a.currencyCode,
      deliveries: a.deliveries.map((d) => `${d.kind.toLowerCase()}:${d.status.toLowerCase()}`).join(' '),
    })),
    ['id', 'date', 'account', 'period', 'type', 'level', 'budget', 'actual', 'projected', 'currency', 'deliveries'],
  );
  if (page.total > page.items.length) console.log(`${page.items.length} of ${page.total} alerts (newest first); --limit shows more`);
}

/** Every budget the filter matches, page after page. */
async function allBudgets(client: ConsumoClient, filter: string | undefined): Promise<BudgetPage> {
  const items: Budget[] = [];
  for (;;) {
    const page = await call(() =>
      client.GET(BUDGETS_PATH, { params: { query: { ...(filter !== undefined && { filter }), limit: MAX_PAGE, offset: items.length } } }),
    );
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return { items, count: items.length, offset: 0, total: page.total };
  }
}

const thresholdsOf = (b: { useDefaultThresholds: boolean; threshold1Percent: number | null; threshold2Percent: number | null; threshold3Percent: number | null }) =>
  b.useDefaultThresholds ? 'default' : [b.threshold1Percent, b.threshold2Percent, b.threshold3Percent].map((t) => (t === null ? '-' : String(t))).join('/');

const alertsOf = (b: { standardAlertsEnabled: boolean; projectedAlertsEnabled: boolean }) =>
  [b.standardAlertsEnabled && 'standard', b.projectedAlertsEnabled && 'projected'].filter(Boolean).join(',') || 'off';

/** The sum of decimal strings, exactly (scaled integers: budget values have at most 6 decimals). */
export function decimalSum(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  const total = values.reduce((acc, v) => {
    const [whole = '0', fraction = ''] = v.split('.');
    return acc + BigInt(whole + fraction.padEnd(scale, '0'));
  }, 0n);
  if (scale === 0) return total.toString();
  const digits = total.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function printBudgets(budgets: readonly Budget[]): void {
  printTable(
    budgets.map((b) => ({
      id: b.id,
      account: b.billingAccountId,
      customer: b.customerId,
      year: b.accountingYear,
      type: b.type,
      currency: b.currency,
      yearTotal: decimalSum(b.costPeriods.map((p) => p.budgetValue)),
      alerts: alertsOf(b),
      thresholds: thresholdsOf(b),
      description: b.description ?? '',
    })),
    ['id', 'account', 'customer', 'year', 'type', 'currency', 'yearTotal', 'alerts', 'thresholds', 'description'],
  );
}

function printBudget(b: Budget): void {
  console.log(`budget ${b.id}: ${b.type}, account ${b.billingAccountId} (customer ${b.customerId}), accounting year ${b.accountingYear}, currency ${b.currency}`);
  if (b.description !== null) console.log(`description: ${b.description}`);
  console.log(`alerts: ${alertsOf(b)}; thresholds: ${thresholdsOf(b)}`);
  printTable(
    [
      ...b.costPeriods.map((p) => ({ period: p.accountingPeriod, budgetValue: p.budgetValue })),
      { period: 'year', budgetValue: decimalSum(b.costPeriods.map((p) => p.budgetValue)) },
    ],
    ['period', 'budgetValue'],
  );
}

/** The `issues` of a GreenLake 400 as `subject: description`, joined. */
function issuesOf(body: unknown): string | undefined {
  const details = (body as { errorDetails?: { issues?: { subject?: string; description?: string }[] }[] } | undefined)?.errorDetails;
  const issues = (details ?? []).flatMap((d) => d.issues ?? []);
  return issues.length ? issues.map((i) => `${i.subject ?? '?'}: ${i.description ?? ''}`).join('; ') : undefined;
}

/** A refused request as the message the CLI exits 2 with: the 400's issues, or the server's message. */
async function refused<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ConsumoApiError) {
      const issues = err.status === 400 ? issuesOf(err.body) : undefined;
      const message = (err.body as { message?: string } | undefined)?.message ?? err.message;
      throw new UsageError(issues ? `the server refused the budget: ${issues}` : message);
    }
    throw err;
  }
}

/** Sends (waiting out a 429) and unwraps, a refusal as a UsageError. */
const answered = <T>(send: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => refused(() => call(send));

export interface SetOptions {
  account?: string;
  year?: string;
  periodValue?: string;
  yearly?: string;
  values?: string;
  currency?: string;
  thresholds?: string;
  description?: string;
  standardAlerts: boolean;
  projectedAlerts: boolean;
  json?: boolean;
}

/** The body `set` sends, checked here first: a UsageError (exit 2) names the option at fault before anything is sent. */
export function budgetBody(o: SetOptions): BudgetBody {
  if (o.account === undefined) throw new UsageError('set needs --account ID (the billing account)');
  const year = wholeNumber('--year', o.year, 1, 9999);
  if (year === undefined) throw new UsageError('set needs --year N (the accounting year)');
  const given = (['periodValue', 'yearly', 'values'] as const).filter((k) => o[k] !== undefined);
  const names = { periodValue: '--period-value', yearly: '--yearly', values: '--values' };
  if (given.length !== 1) {
    throw new UsageError(
      given.length === 0
        ? 'set needs the period values: --period-value V (each period), --yearly V (divided by 12) or --values v1,…,v12'
        : `give one of --period-value, --yearly and --values, not ${given.map((k) => names[k]).join(' and ')}`,
    );
  }
  const body: BudgetBody = {
    billingAccountId: o.account,
    accountingYear: year,
    type: 'COST',
    standardAlertsEnabled: o.standardAlerts,
    projectedAlertsEnabled: o.projectedAlerts,
    ...(o.currency !== undefined && { currency: o.currency }),
    ...(o.description !== undefined && { description: o.description }),
  };
  if (o.periodValue !== undefined) body.periodBudget = money('--period-value', o.periodValue);
  if (o.yearly !== undefined) body.yearlyBudget = money('--yearly', o.yearly);
  if (o.values !== undefined) {
    const values = o.values.split(',').map((v) => v.trim());
    if (values.length !== PERIODS) throw new UsageError(`--values takes ${PERIODS} comma-separated values, one per accounting period; got ${values.length}`);
    body.costPeriods = values.map((v, i) => ({ accountingPeriod: i + 1, budgetValue: money('--values', v) }));
  }
  if (o.thresholds !== undefined) {
    const levels = o.thresholds.split(',').map((v) => v.trim());
    if (levels.length !== 3) throw new UsageError(`--thresholds takes three percentages, e.g. 80,100,120; got '${o.thresholds}'`);
    const [t1, t2, t3] = levels.map((v) => wholeNumber('--thresholds', v, 0, MAX_THRESHOLD_PERCENT)!);
    Object.assign(body, { useDefaultThresholds: false, threshold1Percent: t1, threshold2Percent: t2, threshold3Percent: t3 });
  }
  return body;
}

async function findCostBudget(client: ConsumoClient, account: string, year: number): Promise<Budget | undefined> {
  const filter = budgetFilter(account, year, 'COST');
  const page = await call(() => client.GET(BUDGETS_PATH, { params: { query: { filter, limit: 1 } } }));
  return page.items[0];
}

/** Creates the account's COST budget of the year, or replaces it when there is one (also when another client created it meanwhile). */
async function setBudget(o: SetOptions): Promise<void> {
  const body = budgetBody(o);
  const client = connect();
  const replace = (id: number) => answered(() => client.PUT(`${BUDGETS_PATH}/{id}`, { params: { path: { id } }, body }));
  let existing = await findCostBudget(client, body.billingAccountId!, body.accountingYear);
  let budget: Budget;
  let verb = 'replaced';
  if (existing) budget = await replace(existing.id);
  else {
    const created = await waitOutRateLimit(() => client.POST(BUDGETS_PATH, { body }));
    if (created.response.status === 409 && (existing = await findCostBudget(client, body.billingAccountId!, body.accountingYear))) {
      budget = await replace(existing.id);
    } else {
      budget = await refused(async () => unwrap(created));
      verb = 'created';
    }
  }
  if (o.json) return printJson(budget);
  console.log(`${verb} budget ${budget.id}`);
  printBudget(budget);
}

function printUsage(u: Usage): void {
  const thresholds = `${u.threshold1Percent}/${u.threshold2Percent}/${u.threshold3Percent}${u.useDefaultThresholds ? ' (default)' : ''}`;
  console.log(
    `account ${u.billingAccountId} (customer ${u.customerId}), accounting year ${u.accountingYear}, period ${u.accountingPeriod}: ` +
      `${u.accountingStartDate} to ${u.accountingEndDate}; thresholds ${thresholds}`,
  );
  printTable(
    u.periodBudgetUsage.map((p) => ({
      budget: p.budgetId,
      type: p.type,
      currency: p.currency,
      budgetValue: p.periodBudgetValue,
      actual: p.actualUsage,
      percent: `${p.usagePercent}%`,
      status: p.status,
    })),
    ['budget', 'type', 'currency', 'budgetValue', 'actual', 'percent', 'status'],
  );
}

export function registerBudgetsCommands(program: Command): void {
  const group = program.command('budgets').description("Cloud Cruiser budgets (JSON face): a billing account's budget per accounting year, and its usage");

  group
    .command('list')
    .description('list the budgets of the workspace')
    .option('--account <id>', 'only this billing account')
    .option('--year <n>', 'only this accounting year')
    .option('--type <type>', 'only COST or RESOURCE budgets')
    .option('--json', 'print the whole answer as JSON')
    .action(async (o: { account?: string; year?: string; type?: string; json?: boolean }) => {
      const filter = budgetFilter(o.account, wholeNumber('--year', o.year, 1, 9999), oneOf('--type', ['COST', 'RESOURCE'] as const, o.type));
      const list = await allBudgets(connect(), filter);
      if (o.json) return printJson(list);
      printBudgets(list.items);
    });

  group
    .command('get <id>')
    .description('show a budget and its 12 period values')
    .option('--json', 'print the budget as JSON')
    .action(async (idText: string, o: { json?: boolean }) => {
      const id = wholeNumber('the budget id', idText, 1, 2_147_483_647)!;
      const client = connect();
      const budget = await answered(() => client.GET(`${BUDGETS_PATH}/{id}`, { params: { path: { id } } }));
      if (o.json) return printJson(budget);
      printBudget(budget);
    });

  group
    .command('set')
    .description("create or replace a billing account's COST budget of an accounting year")
    .option('--account <id>', 'the billing account (required)')
    .option('--year <n>', 'the accounting year (required)')
    .option('--period-value <v>', 'the same budget for each of the 12 periods (Cloud Cruiser: Copy)')
    .option('--yearly <v>', 'the budget of the year, divided by 12 exactly; period 12 gets the remainder cents (Cloud Cruiser: Divide)')
    .option('--values <v1,…,v12>', 'the 12 period budgets, comma-separated')
    .option('--currency <code>', "the currency of the values (default: the account's)")
    .option('--thresholds <t1,t2,t3>', 'this budget\'s alert thresholds in percent, e.g. 80,100,120 (default: the workspace\'s)')
    .option('--description <text>', 'a description')
    .option('--no-standard-alerts', 'no alert when the cost so far reaches a threshold')
    .option('--no-projected-alerts', "no alert when the cost projected to the period's end reaches a threshold")
    .option('--json', 'print the budget as JSON')
    .addHelpText(
      'after',
      '\nAmounts are decimals (1250.00), never rounded by the CLI. A replacement is complete: what is not given takes its default.\n' +
        'Exit codes: 0 done; 2 bad options or the server refused (each bad field named).\n',
    )
    .action(setBudget);

  group
    .command('usage')
    .description("a billing account's budgets against its rated cost in one accounting period (default: the current one)")
    .option('--account <id>', 'the billing account (required)')
    .option('--year <n>', 'the accounting year (default: the current one)')
    .option('--period <p>', 'the accounting period 1..12 (default: the current one)')
    .option('--type <type>', 'COST, RESOURCE or ALL (default)')
    .option('--json', 'print the answer as JSON')
    .action(async (o: { account?: string; year?: string; period?: string; type?: string; json?: boolean }) => {
      if (o.account === undefined) throw new UsageError('usage needs --account ID (the billing account)');
      const accountingYear = wholeNumber('--year', o.year, 1, 9999);
      const accountingPeriod = wholeNumber('--period', o.period, 1, 12);
      const type = oneOf('--type', ['COST', 'RESOURCE', 'ALL'] as const, o.type);
      const client = connect();
      const usage = await answered(() =>
        client.GET(USAGE_PATH, {
          params: {
            query: {
              billingAccountId: o.account!,
              ...(accountingYear !== undefined && { accountingYear }),
              ...(accountingPeriod !== undefined && { accountingPeriod }),
              ...(type !== undefined && { type }),
            },
          },
        }),
      );
      if (o.json) return printJson(usage);
      printUsage(usage);
    });

  group
    .command('alerts')
    .description('the budget alerts raised, newest first, and where each was delivered')
    .option('--account <id>', 'only this billing account')
    .option('--year <n>', 'only this accounting year')
    .option('--period <p>', 'only this accounting period 1..12')
    .option('--type <type>', 'only STANDARD or PROJECTED alerts')
    .option('--limit <n>', `how many (1..${MAX_PAGE}, default 50)`)
    .option('--json', 'print the answer as JSON')
    .action(async (o: { account?: string; year?: string; period?: string; type?: string; limit?: string; json?: boolean }) => {
      const filter = alertFilter(
        o.account,
        wholeNumber('--year', o.year, 1, 9999),
        wholeNumber('--period', o.period, 1, 12),
        oneOf('--type', ['STANDARD', 'PROJECTED'] as const, o.type),
      );
      const limit = wholeNumber('--limit', o.limit, 1, MAX_PAGE) ?? 50;
      const client = connect();
      const page = await answered(() => client.GET(ALERTS_PATH, { params: { query: { ...(filter !== undefined && { filter }), limit } } }));
      if (o.json) return printJson(page);
      printAlerts(page);
    });
}
