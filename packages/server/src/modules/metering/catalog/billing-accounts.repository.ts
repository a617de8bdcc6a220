/** Typed queries over billing_accounts and the catalog rows that name them; every one scoped by workspace. */
import { type Selectable, sql } from 'kysely';
import type { BillingAccountsTable, Executor } from '../../../storage/database.js';
import type { BillingAccountInput } from './billing-accounts.schemas.js';

export type BillingAccountRow = Selectable<BillingAccountsTable>;

export function find(db: Executor, workspaceId: string, id: string): Promise<BillingAccountRow | undefined> {
  return db.selectFrom('billing_accounts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Whether the account exists, locking it against deletion until the transaction ends. */
export async function lockShared(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('billing_accounts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
  return row !== undefined;
}

/** Creates or replaces in one statement; `inserted` tells which (xmax is 0 only on a freshly inserted row). */
export function upsert(db: Executor, workspaceId: string, id: string, input: BillingAccountInput, now: Date) {
  const values = { name: input.name, currency: input.currency, accounting_day: input.accountingDay, fiscal_start_month: input.fiscalStartMonth };
  return db
    .insertInto('billing_accounts')
    .values({ workspace_id: workspaceId, id, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doUpdateSet({ ...values, updated_at: now }))
    .returningAll()
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
}

/** How many catalog objects name the account, per kind: any of them blocks its deletion. */
export async function dependents(db: Executor, workspaceId: string, id: string) {
  const count = (table: 'metering_resources' | 'contracted_prices' | 'commitments') =>
    db
      .selectFrom(table)
      .select(sql<number>`count(*)::int`.as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('billing_account_id', '=', id)
      .executeTakeFirstOrThrow()
      .then((r) => r.n);
  const [resources, contractedPrices, commitments] = await Promise.all([
    count('metering_resources'),
    count('contracted_prices'),
    count('commitments'),
  ]);
  return { resources, contractedPrices, commitments };
}

export async function remove(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('billing_accounts').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
