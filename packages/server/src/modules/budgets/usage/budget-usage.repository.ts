/** The cost a customer ran up in a span of days, read from the daily rollups rating maintains (never the raw records). */
import { sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';

export interface PeriodActual {
  /** The sum of billed cost, a decimal string; '0' when nothing was rated. */
  total: string;
  /** Rollup rows summed: 0 means no usage at all. */
  rows: number;
  /** The last day (YYYY-MM-DD) with a billed cost other than 0, as projected alerts count elapsed days; null without one. */
  lastDay: string | null;
}

/** Billed cost of `accountId` on days [from, to), in `currency` (compared case-insensitively: budgets say `usd`). */
export async function periodActual(db: Executor, workspaceId: string, accountId: string, from: string, to: string, currency: string): Promise<PeriodActual> {
  const row = await db
    .selectFrom('cost_rollups_daily')
    .select([
      sql<string>`coalesce(sum(billed_cost), 0)::text`.as('total'),
      sql<number>`count(*)::int`.as('rows'),
      // As text: a date handed to the drivers would come back as a local-time Date.
      sql<string | null>`to_char(max(day) filter (where billed_cost <> 0), 'YYYY-MM-DD')`.as('lastDay'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('billing_account_id', '=', accountId)
    .where('day', '>=', from)
    .where('day', '<', to)
    .where(sql`upper(billing_currency)`, '=', currency.toUpperCase())
    .executeTakeFirstOrThrow();
  return row;
}
