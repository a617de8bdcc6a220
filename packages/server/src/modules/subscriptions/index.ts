/**
 * HPE GreenLake Subscription Management as one encapsulated Fastify plugin: subscriptions (v1,
 * v1beta1, v1alpha1, v2beta1 bulk unclaim), their asynchronous operations, auto-subscription
 * settings, and the provider-side key catalog (`/admin/v1/subscription-keys`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { registerAutoSettingsRoutes } from './auto-settings/auto-settings.routes.js';
import { registerKeyCatalogRoutes } from './key-catalog/key-catalog.routes.js';
import { registerSubscriptionRoutes } from './subscriptions.routes.js';
import { registerOperationWorker } from './operations/operations.worker.js';
import type { SubscriptionsDeps } from './subscriptions-deps.js';

export type { SubscriptionsDeps } from './subscriptions-deps.js';
/** Its operations' lifecycle spec: stand-in mode moves them by hand (ADR 0023, async progression). */
export { SUBSCRIPTION_OPERATIONS } from './operations/operations.worker.js';

export const subscriptionsPlugin: FastifyPluginAsync<SubscriptionsDeps> = async (app, deps) => {
  // PATCH bodies are JSON merge patches (RFC 7396); parsed, and failing, exactly as JSON is.
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  registerOperationWorker(deps);
  registerSubscriptionRoutes(app, deps);
  registerAutoSettingsRoutes(app, deps);
  registerKeyCatalogRoutes(app, deps);
};
