/** `/budgets/v1/settings`: the workspace's default thresholds and default alert cost level (GET, PUT). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authOf } from '../../../platform/http/guards.js';
import { errorResponses } from '../../../platform/http/error-responses.js';
import { bodyCheckedByService } from '../../../platform/http/body-checked-by-service.js';
import type { BudgetsDeps } from '../budgets-deps.js';
import { BudgetSettings, BudgetSettingsBody } from './budget-settings.schemas.js';
import { getSettings, putSettings } from './budget-settings.service.js';

const tags = ['Budgets'];
const PATH = '/budgets/v1/settings';
/** Ours (Cloud Cruiser published none), per workspace and minute. */
const LIMITS = { get: 120, put: 30 } as const;

export function registerBudgetSettingsRoutes(root: FastifyInstance, deps: BudgetsDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    PATH,
    {
      config: { permission: 'budgets.view', rateLimit: { limit: LIMITS.get, bucket: 'budgets.settings.get' } },
      schema: {
        tags,
        operationId: 'getBudgetSettings',
        summary: 'Get the budget settings of the workspace',
        description: 'Default thresholds (80/100/120 until set) and the default alert cost level (none until set).',
        response: { 200: BudgetSettings, ...errorResponses(401, 403, 429, 500) },
      },
    },
    (request) => getSettings(deps.db, authOf(request).workspaceId),
  );

  app.put(
    PATH,
    {
      config: { permission: 'budgets.edit', rateLimit: { limit: LIMITS.put, bucket: 'budgets.settings.put' } },
      validatorCompiler: bodyCheckedByService(app),
      schema: {
        tags,
        operationId: 'putBudgetSettings',
        summary: 'Replace the budget settings of the workspace',
        description:
          'Absent fields take their defaults. Every customer\'s alerts are evaluated again with the new settings (a background job).',
        body: BudgetSettingsBody,
        response: { 200: BudgetSettings, ...errorResponses(400, 401, 403, 415, 429, 500) },
      },
    },
    (request) => putSettings(deps, authOf(request).workspaceId, request.body, new Date(deps.now())),
  );
}
