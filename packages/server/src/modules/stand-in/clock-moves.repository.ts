/** The query a clock move needs: every workspace's customers that have a budget (their alerts are evaluated after the move). */
import type { Executor } from '../../storage/database.js';

export async function budgetedCustomers(db: Executor): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('budgets').select(['workspace_id', 'billing_account_id']).distinct().orderBy('workspace_id').orderBy('billing_account_id').execute();
  const byWorkspace = new Map<string, string[]>();
  for (const row of rows) {
    const accounts = byWorkspace.get(row.workspace_id) ?? [];
    accounts.push(row.billing_account_id);
    byWorkspace.set(row.workspace_id, accounts);
  }
  return byWorkspace;
}
