/**
 * The JSON face of budgets under /budgets/v1 (GreenLake conventions, ADR 0019): the filtered list,
 * GET, POST (201 + Location), PUT (complete replacement), DELETE (204) of a budget, and a billing
 * account's budget usage for one accounting period. The same budgets as Cloud Cruiser's /rest/v1.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authOf } from '../../platform/http/guards.js';
import { errorResponses } from '../../platform/http/error-responses.js';
import { bodyCheckedByService } from '../../platform/http/body-checked-by-service.js';
import { type ListParams, pageSchema } from '../../platform/query/index.js';
import type { BudgetsDeps } from './budgets-deps.js';
import { Budget, BudgetBody, BudgetIdParams, BudgetListQuery, BudgetUsage, BudgetUsageQuery } from './budgets.schemas.js';
import { budgetUsageJson, createBudgetJson, deleteBudgetJson, getBudgetJson, listBudgetsJson, replaceBudgetJson } from './budget-json.js';

const tags = ['Budgets'];
export const BUDGETS_PATH = '/budgets/v1/budgets';
export const USAGE_PATH = '/budgets/v1/usage';
/** As the metering catalog's: 300 requests per minute per workspace and endpoint (Cloud Cruiser published none). */
const PER_MINUTE = 300;

const config = (access: 'view' | 'edit', op: string) => ({
  permission: access === 'view' ? ('budgets.view' as const) : ('budgets.edit' as const),
  rateLimit: { limit: PER_MINUTE, bucket: `budgets.budgets.${op}` },
});

const BODY_NOTE =
  'Money is a decimal string. Give the 12 period values one of three ways: `costPeriods` ([{accountingPeriod, budgetValue}]), ' +
  '`yearlyBudget` (divided by 12 exactly: periods 1–11 get the twelfth rounded down to the cent, period 12 the rest) or `periodBudget` (copied to every period). ' +
  'The billing account is named by `billingAccountId` (or `customerId`); `currency` defaults to the account\'s. One budget per account, accounting year and type (409 otherwise).';

export function registerBudgetJsonRoutes(root: FastifyInstance, deps: BudgetsDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.get(
    BUDGETS_PATH,
    {
      config: config('view', 'list'),
      schema: {
        tags,
        operationId: 'listBudgets',
        summary: 'List budgets, with filter, sort, select and paging',
        description:
          'Filterable and sortable: id, type, billingAccountId, customerId, accountingYear, currency, description, standardAlertsEnabled, ' +
          'projectedAlertsEnabled, useDefaultThresholds, threshold1Percent, threshold2Percent, threshold3Percent, createdAt, updatedAt; ' +
          '`select` also names costPeriods. `limit` 0..1000 (default 100).',
        querystring: BudgetListQuery,
        response: { 200: pageSchema(Budget), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => listBudgetsJson(db, authOf(request).workspaceId, request.query as ListParams),
  );

  app.get(
    `${BUDGETS_PATH}/:id`,
    {
      config: config('view', 'get'),
      schema: {
        tags,
        operationId: 'getBudget',
        summary: 'Get a budget',
        params: BudgetIdParams,
        response: { 200: Budget, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => getBudgetJson(db, authOf(request).workspaceId, request.params.id),
  );

  app.post(
    BUDGETS_PATH,
    {
      config: config('edit', 'create'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'createBudget',
        summary: 'Create a budget (201 with Location)',
        description: `${BODY_NOTE} The billing account's alerts are evaluated again (a background job).`,
        body: BudgetBody,
        response: { 201: Budget, ...errorResponses(400, 401, 403, 409, 415, 429, 500) },
      },
    },
    async (request, reply) => {
      const created = await createBudgetJson(deps, authOf(request).workspaceId, request.body);
      return reply.status(201).header('Location', `${BUDGETS_PATH}/${created.id}`).send(created);
    },
  );

  app.put(
    `${BUDGETS_PATH}/:id`,
    {
      config: config('edit', 'replace'),
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'replaceBudget',
        summary: 'Replace a budget',
        description:
          `A complete replacement: absent optional fields take their defaults. ${BODY_NOTE} ` +
          'A resource or units periods given through /rest/v1 (which this face does not show) are kept.',
        params: BudgetIdParams,
        body: BudgetBody,
        response: { 200: Budget, ...errorResponses(400, 401, 403, 404, 409, 415, 429, 500) },
      },
    },
    (request) => replaceBudgetJson(deps, authOf(request).workspaceId, request.params.id, request.body),
  );

  app.delete(
    `${BUDGETS_PATH}/:id`,
    {
      config: config('edit', 'delete'),
      schema: {
        tags,
        operationId: 'deleteBudget',
        summary: 'Delete a budget',
        params: BudgetIdParams,
        response: { 204: Type.Null({ description: 'Deleted.' }), ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    async (request, reply) => {
      await deleteBudgetJson(deps, authOf(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    USAGE_PATH,
    {
      config: config('view', 'usage'),
      schema: {
        tags,
        operationId: 'getBudgetUsage',
        summary: "A billing account's budgets against its cost in one accounting period",
        description:
          'Cloud Cruiser\'s budgetAndUsage as JSON: the period\'s dates (from the account\'s accountingDay and fiscalStartMonth), the thresholds in force, ' +
          'and per budget of the year the period\'s value, the billed cost so far (daily cost rollups in the budget\'s currency), the percent used and a status. ' +
          'Without accountingYear and accountingPeriod: the account\'s current period. 404 when the workspace has no such billing account.',
        querystring: BudgetUsageQuery,
        response: { 200: BudgetUsage, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => budgetUsageJson(db, authOf(request).workspaceId, request.query, new Date(deps.now())),
  );
}
