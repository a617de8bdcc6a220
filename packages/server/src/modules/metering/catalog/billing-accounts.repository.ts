/** Typed queries over billing_accounts and the catalog rows that name them; every one scoped by workspace. */
import { sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';
import { type IdKeyedRow, upsertById } from './catalog-rows.repository.js';
import type { BillingAccountInput } from './billing-accounts.schemas.js';

export type BillingAccountRow = IdKeyedRow<'billing_accounts'>;

export function upsert(db: Executor, workspaceId: string, id: string, input: BillingAccountInput, now: Date) {
  const values = { name: input.name, currency: input.currency, accounting_day: input.accountingDay, fiscal_start_month: input.fiscalStartMonth };
  return upsertById(db, 'billing_accounts', workspaceId, id, values, now);
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
