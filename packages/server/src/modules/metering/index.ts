/**
 * Metering and rating as one encapsulated Fastify plugin: the catalog (billing accounts, resources,
 * meters, prices, contracted prices, commitments), usage-event ingest, rating runs, and the FOCUS
 * cost records and summaries rating produces. The engine itself lives in `src/metering/`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { registerCatalogRoutes } from './catalog/catalog.routes.js';
import { registerCostRoutes } from './costs/costs.routes.js';
import { registerEventRoutes } from './events/events.routes.js';
import type { MeteringDeps } from './metering-deps.js';
import { registerRatingRunRoutes } from './rating-runs/rating-runs.routes.js';
import { registerRatingWorkers } from '../../metering/rating/rating-runs.js';

export type { MeteringDeps } from './metering-deps.js';

export const meteringPlugin: FastifyPluginAsync<MeteringDeps> = async (app, deps) => {
  registerRatingWorkers(deps);
  registerCatalogRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerRatingRunRoutes(app, deps);
  registerCostRoutes(app, deps);
};
