/** Typed queries over commitments; every one scoped by workspace. */
import { type Selectable, sql } from 'kysely';
import type { CommitmentsTable, Executor } from '../../../storage/database.js';
import type { CommitmentInput } from './commitments.schemas.js';

export type CommitmentRow = Selectable<CommitmentsTable>;

export function find(db: Executor, workspaceId: string, id: string): Promise<CommitmentRow | undefined> {
  return db.selectFrom('commitments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

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
  return db
    .insertInto('commitments')
    .values({ workspace_id: workspaceId, id, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doUpdateSet({ ...values, updated_at: now }))
    .returningAll()
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
}

export async function remove(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('commitments').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
