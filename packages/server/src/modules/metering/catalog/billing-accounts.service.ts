/** Billing account rules: PUT creates or replaces, DELETE refuses while catalog objects name the account. */
import type { Db } from '../../../storage/database.js';
import { isoUtcMillis, page, parseListQuery, project, type ListParams, type Page } from '../../../platform/query/index.js';
import { BodyReader } from './body-reader.js';
import { billingAccountList } from './billing-accounts.fields.js';
import * as repo from './billing-accounts.repository.js';
import { BILLING_ACCOUNT_FIELDS, type BillingAccountDto, type BillingAccountInput } from './billing-accounts.schemas.js';
import { BILLING_ACCOUNT, catalogConflict, catalogNotFound } from './catalog.errors.js';
import { listPage } from './catalog-page.repository.js';
import { isForeignKeyViolation } from './db-errors.js';

function dto(row: repo.BillingAccountRow): BillingAccountDto {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    accountingDay: row.accounting_day,
    fiscalStartMonth: row.fiscal_start_month,
    createdAt: isoUtcMillis(row.created_at),
    updatedAt: isoUtcMillis(row.updated_at),
  };
}

export function readBillingAccount(body: unknown): BillingAccountInput {
  const r = new BodyReader(body, BILLING_ACCOUNT_FIELDS);
  const input = {
    name: r.text('name', { required: true }),
    currency: r.currency('currency', 'USD'),
    accountingDay: r.integer('accountingDay', 1, 28, 1),
    fiscalStartMonth: r.integer('fiscalStartMonth', 1, 12, 1),
  };
  r.done();
  return input;
}

export async function putBillingAccount(db: Db, workspaceId: string, id: string, body: unknown, now: Date) {
  const input = readBillingAccount(body);
  const { inserted, ...row } = await repo.upsert(db, workspaceId, id, input, now);
  return { created: inserted, item: dto(row) };
}

export async function getBillingAccount(db: Db, workspaceId: string, id: string): Promise<BillingAccountDto> {
  const row = await repo.find(db, workspaceId, id);
  if (!row) throw catalogNotFound(BILLING_ACCOUNT, id);
  return dto(row);
}

export async function listBillingAccounts(db: Db, workspaceId: string, params: ListParams): Promise<Page<BillingAccountDto>> {
  const list = parseListQuery(params, billingAccountList);
  const { rows, total } = await listPage(db, 'billing_accounts', workspaceId, list);
  return page(
    rows.map((r) => project(dto(r), list.selected)),
    list.offset,
    total,
  );
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

export async function deleteBillingAccount(db: Db, workspaceId: string, id: string): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      // The row lock makes a concurrent PUT of a resource naming this account wait, then see it gone.
      const row = await trx
        .selectFrom('billing_accounts')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw catalogNotFound(BILLING_ACCOUNT, id);
      const counts = await repo.dependents(trx, workspaceId, id);
      if (counts.resources + counts.contractedPrices + counts.commitments > 0) throw inUse(id, counts);
      await repo.remove(trx, workspaceId, id);
    });
  } catch (err) {
    // A dependent committed between the count and the delete: the foreign key caught it.
    if (isForeignKeyViolation(err)) throw inUse(id, await repo.dependents(db, workspaceId, id));
    throw err;
  }
}
