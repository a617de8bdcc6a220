/** Billing account rules: PUT creates or replaces, DELETE refuses while catalog objects name the account. */
import type { Db } from '../../../storage/database.js';
import { BodyReader } from './body-reader.js';
import { billingAccountList } from './billing-accounts.fields.js';
import * as repo from './billing-accounts.repository.js';
import { BILLING_ACCOUNT_FIELDS, type BillingAccountDto, type BillingAccountInput } from './billing-accounts.schemas.js';
import { BILLING_ACCOUNT, catalogConflict, catalogNotFound } from './catalog.errors.js';
import { crudService, timestamps } from './catalog-crud.service.js';
import { lockById, removeById } from './catalog-rows.repository.js';
import { isForeignKeyViolation } from './db-errors.js';

function dto(row: repo.BillingAccountRow): BillingAccountDto {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    accountingDay: row.accounting_day,
    fiscalStartMonth: row.fiscal_start_month,
    customerId: row.customer_id,
    ...timestamps(row),
  };
}

export function readBillingAccount(body: unknown): BillingAccountInput {
  const r = new BodyReader(body, BILLING_ACCOUNT_FIELDS);
  const input = {
    name: r.text('name', { required: true }),
    currency: r.currency('currency', 'USD'),
    accountingDay: r.integer('accountingDay', 1, 31, 1),
    fiscalStartMonth: r.integer('fiscalStartMonth', 1, 12, 1),
  };
  r.done();
  return input;
}

function inUse(id: string, counts: { resources: number; contractedPrices: number; commitments: number }) {
  const named = [
    counts.resources && `${counts.resources} resource(s)`,
    counts.contractedPrices && `${counts.contractedPrices} contracted price version(s)`,
    counts.commitments && `${counts.commitments} commitment(s)`,
  ].filter(Boolean);
  return catalogConflict(
    `Billing account '${id}' is still named by ${named.length ? named.join(', ') : 'other catalog objects'}; delete those first.`,
    { dependents: counts },
  );
}

async function deleteBillingAccount(db: Db, workspaceId: string, id: string): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      // The row lock makes a concurrent PUT of a resource naming this account wait, then see it gone.
      if (!(await lockById(trx, 'billing_accounts', workspaceId, id, 'update'))) throw catalogNotFound(BILLING_ACCOUNT, id);
      const counts = await repo.dependents(trx, workspaceId, id);
      if (counts.resources + counts.contractedPrices + counts.commitments > 0) throw inUse(id, counts);
      await removeById(trx, 'billing_accounts', workspaceId, id);
    });
  } catch (err) {
    // A dependent committed between the count and the delete: the foreign key caught it.
    if (isForeignKeyViolation(err)) throw inUse(id, await repo.dependents(db, workspaceId, id));
    throw err;
  }
}

export const billingAccounts = crudService(
  { table: 'billing_accounts', what: BILLING_ACCOUNT, list: billingAccountList, dto },
  {
    put: (db, workspaceId, id, body, now) => repo.upsert(db, workspaceId, id, readBillingAccount(body), now),
    delete: deleteBillingAccount,
  },
);
