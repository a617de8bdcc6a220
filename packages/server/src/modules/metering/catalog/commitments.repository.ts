/** Typed queries over commitments; every one scoped by workspace. */
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
