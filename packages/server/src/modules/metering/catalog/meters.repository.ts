/** Typed queries over meters, and the prices that name them; every one scoped by workspace. */
import { type Selectable, sql } from 'kysely';
import type { Executor, MetersTable } from '../../../storage/database.js';
import type { MeterInput } from './meters.schemas.js';

export type MeterRow = Selectable<MetersTable>;

export function find(db: Executor, workspaceId: string, id: string): Promise<MeterRow | undefined> {
  return db.selectFrom('meters').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/**
 * Whether the meter exists, locking it until the transaction ends: prices name meters without a
 * foreign key, so a price write holds this lock and a meter delete (which takes the row lock) waits for it.
 */
export async function lockShared(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('meters').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).forShare().executeTakeFirst();
  return row !== undefined;
}

export async function lockForDelete(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('meters').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** Another meter of the workspace counting this event type, if any. */
export async function meterOfEventType(db: Executor, workspaceId: string, eventType: string, exceptId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('meters')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('event_type', '=', eventType)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row?.id;
}

export function upsert(db: Executor, workspaceId: string, id: string, input: MeterInput, now: Date) {
  const values = {
    event_type: input.eventType,
    value_property: input.valueProperty,
    aggregation: input.aggregation,
    consumed_unit: input.consumedUnit,
  };
  return db
    .insertInto('meters')
    .values({ workspace_id: workspaceId, id, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doUpdateSet({ ...values, updated_at: now }))
    .returningAll()
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
}

/** The SKUs with a price version on this meter (a few, to name in the 409). */
export async function pricedSkus(db: Executor, workspaceId: string, meterId: string, limit = 5): Promise<string[]> {
  const rows = await db
    .selectFrom('prices')
    .select('sku_id')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('meter_id', '=', meterId)
    .orderBy('sku_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.sku_id);
}

export async function remove(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('meters').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
