/** `/metering/v1/billing-accounts`: PUT, GET and DELETE one account, and the list. */
import type { FastifyInstance } from 'fastify';
import type { MeteringDeps } from '../metering-deps.js';
import { BillingAccount, BillingAccountBody } from './billing-accounts.schemas.js';
import { billingAccounts } from './billing-accounts.service.js';
import { registerCrudRoutes } from './catalog-crud.routes.js';

export function registerBillingAccountRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  registerCrudRoutes(app, deps, {
    resource: 'billing-accounts',
    one: 'BillingAccount',
    noun: 'billing account',
    item: BillingAccount,
    body: BillingAccountBody,
    put: {
      conflict: false,
      description: 'The same accounts Flex orders name. `accountingDay` starts each billing period; `fiscalStartMonth` each fiscal year.',
    },
    delete: { conflict: true, note: '409 while resources, contracted prices or commitments name it' },
    service: billingAccounts,
  });
}
