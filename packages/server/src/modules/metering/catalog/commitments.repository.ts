/** Typed queries over commitments; every one scoped by workspace. */
import { sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';
import { type IdKeyedRow, upsertById } from './catalog-rows.repository.js';
import type { CommitmentInput } from './commitments.schemas.js';

export type CommitmentRow = IdKeyedRow<'commitments'>;

/** The other commitments of the same billing account and SKU, which a commitment must not overlap. */
export function siblings(db: Executor, workspaceId: string, input: CommitmentInput, exceptId: string): Promise<CommitmentRow[]> {
  return db
    .selectFrom('commitments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('billing_account_id', '=', input.billingAccountId)
    .where('sku_id', '=', input.skuId)
    .where('id', '<>', exceptId)
    .orderBy('effective_from')
    .execute();
}

export function upsert(db: Executor, workspaceId: string, id: string, input: CommitmentInput, now: Date) {
  const values = {
    billing_account_id: input.billingAccountId,
    sku_id: input.skuId,
    committed_quantity: input.committedQuantity,
    minimum_quantity: input.minimumQuantity,
    effective_from: input.effectiveFrom,
    effective_to: input.effectiveTo,
  };
  return upsertById(db, 'commitments', workspaceId, id, values, now);
}

/**
 * The workspace's commitments in force at some time of [from, to), each with its billing account's
 * currency and the consumed unit its quantities are counted in: the unit of the meter of its SKU's
 * price version in force at the end of the commitment's part of the range (else the latest version
 * before it; null when the SKU has no price yet), the unit rating writes on the commitment's cost
 * rows. What the FOCUS ContractCommitment dataset describes (modules/focus-exports, ADR 0025).
 */
export function commitmentTerms(db: Executor, workspaceId: string, from: Date, to: Date) {
  return db
    .selectFrom('commitments as c')
    .innerJoin('billing_accounts as a', (j) => j.onRef('a.workspace_id', '=', 'c.workspace_id').onRef('a.id', '=', 'c.billing_account_id'))
    .select((eb) => [
      'c.id',
      'c.billing_account_id',
      'a.currency',
      'c.sku_id',
      'c.committed_quantity',
      'c.minimum_quantity',
      'c.effective_from',
      'c.effective_to',
      'c.updated_at',
      eb
        .selectFrom('prices as p')
        .innerJoin('meters as m', (j) => j.onRef('m.workspace_id', '=', 'p.workspace_id').onRef('m.id', '=', 'p.meter_id'))
        .select('m.consumed_unit')
        .whereRef('p.workspace_id', '=', 'c.workspace_id')
        .whereRef('p.sku_id', '=', 'c.sku_id')
        .where(sql<boolean>`p.effective_from < least(coalesce(c.effective_to, ${to}), ${to})`)
        .orderBy('p.effective_from', 'desc')
        .limit(1)
        .as('consumed_unit'),
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.effective_from', '<', to)
    .where((eb) => eb.or([eb('c.effective_to', 'is', null), eb('c.effective_to', '>', from)]));
}
