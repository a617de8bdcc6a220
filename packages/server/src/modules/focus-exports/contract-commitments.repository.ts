/**
 * The rows of the FOCUS 1.3 Contract Commitment dataset (ADR 0025; columns: contract-commitment-profile.ts):
 * the workspace's commitments in force during the range, read through the metering module
 * (`commitmentTerms`), each cell one SQL expression under the column's alias, so that every path
 * (COPY, PGlite lines, the row stream of Parquet and runs) reads the same values, and the export's
 * filter compiles over the same aliases. Every query is scoped by workspace.
 */
import { type AliasedRawBuilder, type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { RowStreamSpec } from '../../storage/engines/database-engine.js';
import { commitmentTerms } from '../metering/index.js';
import { COMMITMENT_TYPE, type ContractCommitmentColumn } from './contract-commitment-profile.js';

export interface CommitmentRange {
  workspaceId: string;
  /** [from, to): the commitments in force at some time of it. */
  from: Date;
  to: Date;
  /** The compiled export filter, over the dataset's column aliases. */
  where: readonly Expression<SqlBool>[];
}

/** The key the rows are read in: a commitment id is unique in its workspace. */
const KEY = 'contract_commitment_id';

/** Each column's cell over `t`, the commitment terms; an open-ended commitment ends, in the file, where the range does. */
function cells(to: Date): Record<ContractCommitmentColumn, RawBuilder<unknown>> {
  const end = sql<Date>`coalesce(t.effective_to, ${to}::timestamptz)`;
  const unit = sql<string | null>`coalesce(' ' || t.consumed_unit, '')`;
  return {
    billing_currency: sql<string>`t.currency`,
    contract_commitment_category: sql<string>`'Usage'::text`,
    contract_commitment_cost: sql<string | null>`null::numeric`,
    contract_commitment_description: sql<string>`'Committed capacity of SKU ' || t.sku_id || ' for billing account ' || t.billing_account_id || ': '
      || t.committed_quantity::text || ' committed and ' || t.minimum_quantity::text || ' minimum' || ${unit} || ' per day'`,
    contract_commitment_id: sql<string>`t.id`,
    contract_commitment_period_end: end,
    contract_commitment_period_start: sql<Date>`t.effective_from`,
    contract_commitment_quantity: sql<string | null>`(case when t.consumed_unit is null then null else greatest(t.committed_quantity, t.minimum_quantity) end)`,
    contract_commitment_type: sql<string>`${COMMITMENT_TYPE}::text`,
    contract_commitment_unit: sql<string | null>`t.consumed_unit || '/Day'`,
    contract_id: sql<string>`t.id`,
    contract_period_end: end,
    contract_period_start: sql<Date>`t.effective_from`,
    x_billing_account_id: sql<string>`t.billing_account_id`,
    x_sku_id: sql<string>`t.sku_id`,
  };
}

/** The dataset's rows of the range (every column under its alias, and the commitment's `updated_at`), filtered, in id order. */
export function contractCommitmentsOf(db: Db, q: CommitmentRange) {
  const selection = Object.entries(cells(q.to)).map(([alias, cell]) => cell.as(alias));
  const rows = db
    .selectFrom(commitmentTerms(db, q.workspaceId, q.from, q.to).as('t'))
    .select([...selection, sql<Date>`t.updated_at`.as('updated_at')])
    .as('contract_commitments');
  let b = db.selectFrom(rows);
  for (const w of q.where) b = b.where(w);
  return b.orderBy(sql.ref(KEY));
}

/** Chunks of the dataset's rows in id order, each `selection` plus the key (for the keyset). */
function commitmentStream(db: Db, q: CommitmentRange, selection: readonly AliasedRawBuilder<unknown, string>[], chunkSize: number): RowStreamSpec {
  return {
    chunkSize,
    build(after, limit) {
      let b = contractCommitmentsOf(db, q).select([...selection, sql.ref(KEY).as(KEY)]);
      if (after) b = b.where(after);
      return limit === undefined ? b : b.limit(limit);
    },
    after(last) {
      return sql<SqlBool>`${sql.ref(KEY)} > ${last[KEY]}`;
    },
  };
}

/** The rows as one expression each (a CSV line), as a chunked row stream. */
export function commitmentLineStream(db: Db, q: CommitmentRange & { line: RawBuilder<string>; chunkSize: number }): RowStreamSpec {
  return commitmentStream(db, q, [q.line.as('line')], q.chunkSize);
}

/** The rows, the given column aliases, as a chunked row stream. */
export function commitmentRowStream(db: Db, q: CommitmentRange & { columns: readonly string[]; chunkSize: number }): RowStreamSpec {
  const columns = q.columns.filter((c) => c !== KEY);
  return commitmentStream(db, q, columns.map((c) => sql.ref(c).as(c)), q.chunkSize);
}

/** When the delivered commitments last changed (their latest `updated_at`; null without any). */
export async function commitmentsUpdatedAt(db: Db, q: CommitmentRange): Promise<Date | null> {
  const row = await contractCommitmentsOf(db, q)
    .clearOrderBy()
    .select(sql<Date | string | null>`max(updated_at)`.as('updated'))
    .executeTakeFirst();
  const v = row?.updated;
  return v === null || v === undefined ? null : v instanceof Date ? v : new Date(v);
}
