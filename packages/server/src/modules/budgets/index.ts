/**
 * Cloud Cruiser 3 budgets and alerts as one encapsulated Fastify plugin: the XML REST API under
 * `/rest/v1` (budgets, usage, alerts, customers, WADL; HTTP Basic or bearer; plain-text errors),
 * its JSON face under `/budgets/v1`, the alert evaluation job and the notification outbox.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { BudgetsDeps } from './budgets-deps.js';
import { cloudCruiserXmlPlugin } from './xml-api/cloud-cruiser.routes.js';
import { registerBudgetJsonRoutes } from './budgets.routes.js';
// --- alerts and notifications: workers and JSON routes (registered below) ---
import { registerAlertWorkers } from './alerts/alerts.worker.js';
import { registerAlertRoutes } from './alerts/alerts.routes.js';
import { registerNotificationWorkers } from './notifications/deliveries.worker.js';
import { registerNotificationChannelRoutes } from './notifications/notification-channels.routes.js';
import { registerBudgetSettingsRoutes } from './settings/budget-settings.routes.js';
export { enqueueBudgetEvaluation } from './alerts/evaluation-queue.js';
export { evaluateBudgets } from './alerts/alert-evaluation.service.js';
// --- end alerts and notifications ---

export type { BudgetsDeps } from './budgets-deps.js';

export const budgetsPlugin: FastifyPluginAsync<BudgetsDeps> = async (app, deps) => {
  await app.register(cloudCruiserXmlPlugin, { ...deps, prefix: '/rest/v1' });
  registerBudgetJsonRoutes(app, deps);
  // --- alerts and notifications ---
  registerAlertWorkers(deps);
  registerNotificationWorkers(deps);
  registerBudgetSettingsRoutes(app, deps);
  registerNotificationChannelRoutes(app, deps);
  registerAlertRoutes(app, deps);
  // --- end alerts and notifications ---
};
