/** `/budgets/v1/alerts`: the alert instances of the workspace (newest first) and one alert, with their deliveries. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { type ListParams, pageSchema } from '../../../platform/query/index.js';
import type { BudgetsDeps } from '../budgets-deps.js';
import { AlertListQuery, AlertParams, BudgetAlert } from './alerts.schemas.js';
import { getAlert, listAlerts } from './alerts.service.js';

const tags = ['Budgets'];
const BASE = '/budgets/v1/alerts';
/** Ours, per workspace and minute. */
const PER_MINUTE = 120;

export function registerAlertRoutes(root: FastifyInstance, deps: BudgetsDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    BASE,
    {
      config: { permission: 'budgets.view', rateLimit: { limit: PER_MINUTE, bucket: 'budgets.alerts.list' } },
      schema: {
        tags,
        operationId: 'listBudgetAlerts',
        summary: 'List the budget alerts, newest first, with filter, sort, select, paging and each one\'s deliveries',
        querystring: AlertListQuery,
        response: { 200: pageSchema(BudgetAlert), ...errorResponses(400, 401, 403, 429, 500) },
      },
    },
    (request) => listAlerts(deps.db, authOf(request).workspaceId, request.query as ListParams),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { permission: 'budgets.view', rateLimit: { limit: PER_MINUTE, bucket: 'budgets.alerts.get' } },
      schema: {
        tags,
        operationId: 'getBudgetAlert',
        summary: 'Get a budget alert and its deliveries',
        params: AlertParams,
        response: { 200: BudgetAlert, ...errorResponses(400, 401, 403, 404, 429, 500) },
      },
    },
    (request) => getAlert(deps.db, authOf(request).workspaceId, request.params.id),
  );
}
