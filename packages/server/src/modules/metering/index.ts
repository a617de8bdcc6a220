/**
 * Metering and rating as one encapsulated Fastify plugin: the catalog (billing accounts, resources,
 * meters, prices, contracted prices, commitments), usage-event ingest, rating runs and their
 * workers, and the FOCUS cost records and summaries rating produces (the table's contract is
 * `modules/cost-records`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { registerCatalogRoutes } from './catalog/catalog.routes.js';
import { registerCostRoutes } from './costs/costs.routes.js';
import { registerIngestRoutes } from './ingest/ingest.routes.js';
import { registerIngestStatisticsRoutes } from './ingest-statistics/ingest-statistics.routes.js';
import type { MeteringDeps } from './metering-deps.js';
import { registerRatingRunRoutes } from './rating/rating-runs.routes.js';
import { registerRatingWorkers } from './rating/rating.worker.js';

export type { MeteringDeps } from './metering-deps.js';
/** Rating runs' lifecycle spec: stand-in mode moves them by hand (ADR 0023, async progression). */
export { RATING_RUNS } from './rating/rating-runs.service.js';

export const meteringPlugin: FastifyPluginAsync<MeteringDeps> = async (app, deps) => {
  registerRatingWorkers(deps);
  registerCatalogRoutes(app, deps);
  registerIngestRoutes(app, deps);
  registerIngestStatisticsRoutes(app, deps);
  registerRatingRunRoutes(app, deps);
  registerCostRoutes(app, deps);
};

/** The exact decimal rating computes with, for families that sum what rating wrote. */
export { Dec, plain } from './rating/decimal.js';
/** The workspace's commitments over a range, as FOCUS exports read them (the ContractCommitment dataset, ADR 0025). */
export { commitmentTerms } from './catalog/commitments.repository.js';
