/** `/metering/v1/billing-accounts`: PUT, GET and DELETE one account, and the list. */
import type { FastifyInstance } from 'fastify';
import type { MeteringDeps } from '../metering-deps.js';
import { BillingAccount, BillingAccountBody } from './billing-accounts.schemas.js';
import * as service from './billing-accounts.service.js';
import { registerCrudRoutes } from './catalog-crud.routes.js';

export function registerBillingAccountRoutes(app: FastifyInstance, deps: MeteringDeps): void {
  registerCrudRoutes(app, deps, {
    base: '/metering/v1/billing-accounts',
    resource: 'billing-accounts',
    one: 'BillingAccount',
    many: 'BillingAccounts',
    item: BillingAccount,
    body: BillingAccountBody,
    summaries: {
      put: 'Create or replace a billing account (201 created, 200 replaced)',
      get: 'Get a billing account',
      delete: 'Delete a billing account (409 while resources, contracted prices or commitments name it)',
      list: 'List billing accounts, with filter, sort, select and paging',
    },
    putDescription: 'The same accounts Flex orders name. `accountingDay` starts each billing period; `fiscalStartMonth` each fiscal year.',
    conflicts: { put: false, delete: true },
    service: { put: service.putBillingAccount, get: service.getBillingAccount, delete: service.deleteBillingAccount, list: service.listBillingAccounts },
  });
}
