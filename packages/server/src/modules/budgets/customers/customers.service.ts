/** Customers as Cloud Cruiser serves them: the workspace's billing accounts, numbered by their stable customer id. */
import type { Db } from '../../../storage/database.js';
import type { JobQueue } from '../../../platform/jobs/index.js';
import { enqueueBudgetEvaluation } from '../alerts/evaluation-queue.js';
import { badRequest, notFound } from '../budgets.errors.js';
import * as repo from '../budgets.repository.js';
import { ACCOUNT_LEVEL, type CustomerDocument, type CustomerUpdate, RATE_PLAN } from './customer-xml.js';

const documentOf = (row: repo.CustomerRow): CustomerDocument => ({
  id: row.customer_id,
  accountId: row.billing_account_id,
  description: row.name,
  accountingDay: row.accounting_day,
  fiscalStartMonth: row.fiscal_start_month,
});

export interface CustomerFilter {
  accountId?: string;
  ratePlan?: string;
  accountLevel?: string;
}

export async function listCustomers(db: Db, workspaceId: string, filter: CustomerFilter): Promise<CustomerDocument[]> {
  // Every customer is on the Default plan at level 1: those filters keep all or nothing.
  if (filter.ratePlan !== undefined && filter.ratePlan !== RATE_PLAN.name) return [];
  if (filter.accountLevel !== undefined && filter.accountLevel !== ACCOUNT_LEVEL.level && filter.accountLevel !== ACCOUNT_LEVEL.description) return [];
  return (await repo.listCustomers(db, workspaceId, filter.accountId)).map(documentOf);
}

export async function getCustomer(db: Db, workspaceId: string, accountId: string): Promise<CustomerDocument> {
  const row = await repo.findCustomerByAccountId(db, workspaceId, accountId);
  if (!row) throw notFound(`No customer with accountId '${accountId}'.`);
  return documentOf(row);
}

/** Cloud Cruiser's update: the body's `@id` (when sent) must be the path's; the account id cannot change. */
export async function updateCustomer(
  deps: { db: Db; jobs: JobQueue; now: () => number },
  workspaceId: string,
  id: number,
  update: CustomerUpdate,
): Promise<CustomerDocument> {
  if (update.id !== undefined && update.id !== id) throw badRequest(`customer/@id ${update.id} does not match the id in the path, ${id}.`);
  return deps.db.transaction().execute(async (trx) => {
    const current = await repo.findCustomerById(trx, workspaceId, id);
    if (!current) throw notFound(`No customer with id ${id}.`);
    if (update.accountId !== undefined && update.accountId !== current.billing_account_id) {
      throw badRequest(`accountId cannot be changed (customer ${id} is '${current.billing_account_id}').`);
    }
    const values = { accounting_day: update.accountingDay, fiscal_start_month: update.fiscalStartMonth, name: update.description ?? current.name };
    const updated = (await repo.updateCustomer(trx, workspaceId, id, values, new Date(deps.now())))!;
    await enqueueBudgetEvaluation(deps.jobs, trx, { workspaceId, accountIds: [current.billing_account_id] });
    return documentOf(updated);
  });
}
