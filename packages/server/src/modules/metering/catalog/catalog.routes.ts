/** The metering catalog API (`/metering/v1/…`, ADR 0012): billing accounts, resources, meters, prices, contracted prices, commitments. */
import type { FastifyInstance } from 'fastify';
import type { MeteringDeps } from '../metering-deps.js';
import { registerBillingAccountRoutes } from './billing-accounts.routes.js';
import { registerCommitmentRoutes } from './commitments.routes.js';
import { registerContractedPriceRoutes } from './contracted-prices.routes.js';
import { registerMeterRoutes } from './meters.routes.js';
import { registerPriceRoutes } from './prices.routes.js';
import { registerResourceRoutes } from './resources.routes.js';

export function registerCatalogRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  registerBillingAccountRoutes(app, deps);
  registerResourceRoutes(app, deps);
  registerMeterRoutes(app, deps);
  registerPriceRoutes(app, deps);
  registerContractedPriceRoutes(app, deps);
  registerCommitmentRoutes(app, deps);
}
